"""What each kind of data brings to the pipelines: one handler object per modality, registered by
its package (pipelines/<modality>/handler.py) and found here by the model's modality, so that the
neutral pipelines (sample, evaluation, likelihood, latent tools, report) hold no branch on one.

A handler says how its modality's samples are drawn for `genforge sample`, how a run is evaluated
(eval.json), which likelihood figures it reports (likelihood.json), what the report computes with
the model, and how it reconstructs and interpolates. A method it does not override refuses in one
line: a modality without reconstructions says so, it does not crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar

import torch

from ..core.errors import GenforgeError
from ..core.registry import Registry, import_subpackages


@dataclass
class SamplingPlan:
    """What `genforge sample` draws, as a modality's handler plans it: `draw(start, count, seed)` gives the
    Samples of items start..start+count (a chunk, with that chunk's seed); `options` are what each draw
    is conditioned on (the modality's output_bytes bounds the file by them); `layout` is handed to the
    modality's writer (a grid's columns). Nothing of the size of `n` is made before the disk check."""

    n: int
    draw: Callable[[int, int, int], object]
    options: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)
    notes: Callable[[object], list[str]] = lambda samples: []  # what to say of a chunk on stderr


@dataclass
class ToolOutput:
    """Images for a grid (`columns` wide), lines of text, or Samples that their modality writes (music:
    a folder of MIDI, WAV and pictures, or one file); `count` the inputs they came from."""

    images: torch.Tensor | None = None
    columns: int = 0
    texts: list[str] = field(default_factory=list)
    count: int = 0
    samples: object | None = None


class ModalityPipelines:
    name: ClassVar[str]

    def _missing(self, what: str):
        return GenforgeError(f"{what} is not available for {self.name} runs")

    def plan_samples(self, model, request, n: int, fmt: str | None) -> SamplingPlan:
        """What to draw for `request` (pipelines/sample.SampleRequest), its flags checked against what the
        model declares; pipelines/sample.py draws the chunks and the modality writes them."""
        raise self._missing("sampling")

    def evaluate(self, folder, config, request):
        """The figures of eval.json (metrics/results.EvalResult, its record with its `kind`)."""
        raise self._missing("genforge eval")

    def likelihood(self, model, held_out, k: int | None, n: int) -> dict:
        """The likelihood figures of `held_out` for likelihood.json, with their `kind`."""
        raise self._missing("genforge nll")

    def report_data(self, model, config) -> dict:
        """What the report shows of the model, computed here (reports load no model)."""
        return {}

    def missing_measurements(self, folder, config, model, n: int, say) -> None:
        """Take the measurements the report needs that the run folder lacks (eval.json), if any
        are cheap enough to take without being asked."""

    def reconstruct(self, model, held_out, n: int | None, columns: int) -> ToolOutput:
        raise self._missing("genforge reconstruct")

    def interpolate(self, model, config, a: str, b: str, steps: int) -> ToolOutput:
        raise self._missing("genforge interpolate")

    def transfer(self, folder, model, item: str, attribute: str, amount: float) -> ToolOutput:
        """`item` moved along one of the run's attribute vectors (music: MusicVAE's latent arithmetic)."""
        raise self._missing("genforge transfer")

    def attributes(self, folder, model, add: tuple[str, str, str] | None) -> list[str]:
        """The run's attribute vectors, one line each, after adding `add` (name, plus, minus) if given."""
        raise self._missing("genforge attributes")


def import_modality_packages() -> None:
    """Every sub-package of genforge.pipelines is a modality whose handler.py registers its handler."""
    import_subpackages(__package__, "handler")


PIPELINES: Registry[ModalityPipelines] = Registry("modality with pipelines", populate=import_modality_packages)


def register_pipelines(handler: ModalityPipelines) -> ModalityPipelines:
    return PIPELINES.register(handler.name)(handler)
