"""What a model declares it can do. Each capability is a Protocol naming its method and the method's
arguments; a family says which it may declare (GenerativeModel.CAPABLE_OF), checked when it registers,
so a capability without its method is an error at import, not at use. Commands check a model's
declaration (Capabilities), not `hasattr` or a dataset's name, and refuse in one line naming what is
missing and what the run is."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .errors import GenforgeError
from .registry import Registry

if TYPE_CHECKING:
    from .samples import Samples

class CapabilityError(GenforgeError):
    """A command asked a model for something it does not declare."""


class RegistrationError(GenforgeError):
    """A family registered with a capability it does not implement: refused at import, not at use."""


# -- the capabilities, each a Protocol naming its method and that method's arguments -----------------
# No two share a method name, so a model's class says by its methods alone what it could declare.

@runtime_checkable
class Sampling(Protocol):
    def sample(self, n: int, seed: int | None = None, **conditioning) -> "Samples": ...


@runtime_checkable
class SamplingByClass(Protocol):
    def sample_by_class(self, labels, seed: int | None = None) -> "Samples": ...


@runtime_checkable
class ContinuingPrompts(Protocol):
    def continue_prompt(self, prompt: str, n: int, seed: int | None = None, **options) -> "Samples": ...


@runtime_checkable
class GeneratingFromInputs(Protocol):
    def generate_from(self, inputs: list, **options) -> list: ...


@runtime_checkable
class Encoding(Protocol):
    def encode(self, items): ...


@runtime_checkable
class Reconstructing(Protocol):
    def reconstruct(self, items): ...


@runtime_checkable
class Interpolating(Protocol):
    def interpolate(self, a, b, steps: int): ...


@runtime_checkable
class Likelihood(Protocol):
    def log_likelihood(self, batch): ...


@runtime_checkable
class Inpainting(Protocol):
    def inpaint(self, images, masks): ...


@runtime_checkable
class Upscaling(Protocol):
    def upscale(self, images): ...


@runtime_checkable
class Translating(Protocol):
    def translate(self, images, direction: str): ...


@runtime_checkable
class Transferring(Protocol):
    def transfer(self, items, attribute: str, amount: float): ...


@runtime_checkable
class Predicting(Protocol):
    def predict(self, frames, n: int): ...


@dataclass(frozen=True)
class Capability:
    name: str
    protocol: type
    description: str  # how a command's refusal names it ("`genforge nll` needs a model with a likelihood")

    @property
    def method(self) -> str:
        return next(name for name in vars(self.protocol) if not name.startswith("_") and callable(vars(self.protocol)[name]))

    @property
    def arguments(self) -> tuple[str, ...]:
        """The method's arguments a caller passes, positionally, after self."""
        parameters = list(inspect.signature(getattr(self.protocol, self.method)).parameters.values())[1:]
        return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)

    def implemented_by(self, cls: type) -> bool:
        """Whether `cls` has the method and it takes the capability's arguments."""
        method = getattr(cls, self.method, None)
        if not callable(method):
            return False
        try:
            inspect.signature(method).bind(None, *self.arguments)
        except (TypeError, ValueError):
            return False
        return True


CAPABILITIES: Registry[Capability] = Registry("capability")
for _capability in (
        Capability("sample", Sampling, "that samples unconditionally"),
        Capability("sample_by_class", SamplingByClass, "that samples by class (a conditional model)"),
        Capability("continue_prompt", ContinuingPrompts, "that continues a prompt"),
        Capability("generate_from", GeneratingFromInputs, "that generates from an input"),
        Capability("encode", Encoding, "with an encoder"),
        Capability("reconstruct", Reconstructing, "that reconstructs its input"),
        Capability("interpolate", Interpolating, "with a latent space to interpolate in"),
        Capability("likelihood", Likelihood, "with a likelihood"),
        Capability("inpaint", Inpainting, "that inpaints"),
        Capability("upscale", Upscaling, "that upscales"),
        Capability("translate", Translating, "that translates between image domains"),
        Capability("transfer", Transferring, "that moves items along an attribute"),
        Capability("predict", Predicting, "that predicts the next frames"),
):
    CAPABILITIES.register(_capability.name)(_capability)

# The kinds of latent space a model may declare, by name -> how a refusal names it.
LATENT_KINDS: Registry[str] = Registry("latent kind")
LATENT_KINDS.register("gaussian")("with Gaussian latents")  # N(0, I), interpolated spherically
LATENT_KINDS.register("codes")("with discrete codes")  # a VQ-VAE's


def check_implements(cls: type, capabilities, registered_as: str) -> None:
    """RegistrationError in one line unless `cls` has the method of every capability it may declare."""
    for name in capabilities:
        capability = CAPABILITIES.get(name)
        if not capability.implemented_by(cls):
            raise RegistrationError(
                f"model {registered_as!r} declares the capability {name!r} but {cls.__name__} has no method "
                f"{capability.method}({', '.join(capability.arguments)})")


@dataclass(frozen=True)
class Capabilities:
    sample: bool = True
    sample_by_class: bool = False
    continue_prompt: bool = False
    generate_from: bool = False
    encode: bool = False
    reconstruct: bool = False
    interpolate: bool = False
    likelihood: bool = False
    inpaint: bool = False
    upscale: bool = False
    translate: bool = False
    transfer: bool = False
    predict: bool = False
    latent: str | None = None  # a name in LATENT_KINDS, or None

    def __post_init__(self):
        if self.latent is not None:
            LATENT_KINDS.get(self.latent)  # an unknown kind is refused where it is declared

    def replace(self, **changes) -> "Capabilities":
        return dataclasses.replace(self, **changes)

    def require(self, capability: str, command: str, run: str, family: str) -> None:
        """Refuse `command` in one line unless the model declares `capability`."""
        if capability not in CAPABILITIES:
            raise ValueError(f"unknown capability {capability!r}")
        if not getattr(self, capability):
            raise CapabilityError(f"{command} needs a model {CAPABILITIES.get(capability).description}; "
                                  f"{run} is a {family}")

    def require_latent(self, kind: str, command: str, run: str, family: str) -> None:
        if self.latent != kind:
            raise CapabilityError(f"{command} needs a model {LATENT_KINDS.get(kind)}; {run} is a {family}")

    def declared(self) -> list[str]:
        """The names of what it can do, for listings."""
        return [field.name for field in dataclasses.fields(self) if field.name != "latent" and getattr(self, field.name)]


def require(model, capability: str, command: str, run=None) -> None:
    """Refuse `command` in one line unless the model declares `capability` (core/capabilities.py);
    "gaussian-latents" asks for an encoder into N(0, I), which the ex-post samplers fit densities to."""
    where = str(run) if run is not None else "this run"
    if capability == "gaussian-latents":
        model.capabilities.require("encode", command, where, model.config.name)
        model.capabilities.require_latent("gaussian", command, where, model.config.name)
        return
    model.capabilities.require(capability, command, where, model.config.name)
