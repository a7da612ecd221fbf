"""What a model declares it can do. Commands check the declaration, not `hasattr` or a dataset's name,
and refuse in one line naming what is missing and what the run is."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .errors import GenforgeError

# capability -> how a command's refusal names it ("`genforge nll` needs a model with a likelihood")
DESCRIPTIONS = {
    "sample": "that samples unconditionally",
    "sample_by_class": "that samples by class (a conditional model)",
    "sample_from_input": "that generates from an input",
    "sample_from_prompt": "that continues a prompt",
    "encode": "with an encoder",
    "reconstruct": "that reconstructs its input",
    "interpolate": "with a latent space to interpolate in",
    "likelihood": "with a likelihood",
}


class CapabilityError(GenforgeError):
    """A command asked a model for something it does not declare."""


@dataclass(frozen=True)
class Capabilities:
    sample: bool = True
    sample_by_class: bool = False
    sample_from_input: bool = False
    sample_from_prompt: bool = False
    encode: bool = False
    reconstruct: bool = False
    interpolate: bool = False
    likelihood: bool = False
    latent: str | None = None  # "gaussian" (N(0, I), interpolated spherically) | "codes" (discrete) | None

    def replace(self, **changes) -> "Capabilities":
        return dataclasses.replace(self, **changes)

    def require(self, capability: str, command: str, run: str, family: str) -> None:
        """Refuse `command` in one line unless the model declares `capability`."""
        if capability not in DESCRIPTIONS:
            raise ValueError(f"unknown capability {capability!r}")
        if not getattr(self, capability):
            raise CapabilityError(f"{command} needs a model {DESCRIPTIONS[capability]}; {run} is a {family}")

    def require_latent(self, kind: str, command: str, run: str, family: str) -> None:
        if self.latent != kind:
            described = {"gaussian": "with Gaussian latents", "codes": "with discrete codes"}[kind]
            raise CapabilityError(f"{command} needs a model {described}; {run} is a {family}")

    def declared(self) -> list[str]:
        """The names of what it can do, for listings."""
        return [name for name in DESCRIPTIONS if getattr(self, name)]


def require(model, capability: str, command: str, run=None) -> None:
    """Refuse `command` in one line unless the model declares `capability` (core/capabilities.py);
    "gaussian-latents" asks for an encoder into N(0, I), which the ex-post samplers fit densities to."""
    where = str(run) if run is not None else "this run"
    if capability == "gaussian-latents":
        model.capabilities.require("encode", command, where, model.config.name)
        model.capabilities.require_latent("gaussian", command, where, model.config.name)
        return
    model.capabilities.require(capability, command, where, model.config.name)
