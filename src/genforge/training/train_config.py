"""The train section of a run config (no torch: configs are read before anything loads)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..core.config_fields import COUNT, POSITIVE, Range
from ..core.errors import ConfigError


@dataclass
class TrainConfig:
    RANGES: ClassVar[dict[str, Range]] = {
        "steps": Range(1, 10**12), "minutes": Range(0, 10**7, low_open=True), "batch_size": Range(1, 2**16),
        "seed": Range(-2**63, 2**64 - 1), "checkpoint_every": COUNT, "keep_checkpoints": Range(1, 1000),
        "log_every": COUNT, "grid_size": Range(1, 4096), "eval_every": COUNT, "eval_samples": Range(1, 10**7),
        "guard_max_grad_norm": POSITIVE, "guard_lr_factor": Range(0, 1, low_open=True),
        "guard_max_rollbacks": Range(0, 1000)}
    # eval_extractor: the names of metrics/extractors.py's EXTRACTORS, listed here because this layer may not
    # import the metrics (tests/metrics/test_extractors.py keeps the two equal).
    CHOICES: ClassVar[dict] = {"precision": ("fp32", "bf16", "fp16"), "lr_decay": ("none", "linear"),
                               "eval_extractor": ("fmnist", "inception")}

    steps: int | None = 2000  # stop after this many optimisation steps...
    minutes: float | None = None  # ...or after this much wall time, whichever comes first
    batch_size: int = 64
    seed: int = 0
    device: str = "cpu"
    precision: str = "fp32"  # fp32 | bf16 | fp16 (autocast; fp16 adds a gradient scaler)
    channels_last: bool = False  # NHWC memory layout: faster convolutions on GPUs with tensor cores
    compile: str = ""  # torch.compile the trained networks with this backend ("inductor"); "" = off
    sync_batchnorm: bool = False  # torchrun on GPUs: BatchNorm statistics over the global batch
    lr_decay: str = "none"  # none | linear: every learning rate falls linearly to 0 at the end of the budget
    checkpoint_every: int = 250  # steps between checkpoints, sample grids and side-by-side images
    keep_checkpoints: int = 3
    log_every: int = 25  # steps between lines in metrics.jsonl
    grid_size: int = 64  # images in each fixed-noise sample grid
    eval_every: int | None = None  # steps between FID evaluations (logged; the best is kept as checkpoints/best)
    eval_samples: int = 5000  # generated images per evaluation during training
    eval_extractor: str = "fmnist"  # feature network for FID during training
    eval_reference: str = "test"  # dataset split FID during training compares with
    tensorboard: bool = False  # also log scalars and sample grids to RUN/tb
    guard: bool = True  # roll back to the last checkpoint on NaN/Inf, exploding gradients or collapse
    guard_max_grad_norm: float = 1e4
    guard_lr_factor: float = 0.5  # learning rates are multiplied by this at each rollback
    guard_max_rollbacks: int = 5

    def validate(self) -> None:
        if self.steps is None and self.minutes is None:
            raise ConfigError("train: set steps or minutes (or both)")
        if self.device not in ("cpu", "cuda") and not self.device.startswith("cuda:"):
            raise ConfigError(f"train.device must be cpu or cuda, got {self.device!r}")
