"""What every model family provides to the training loop, the sampler and the CLI.

The loop only ever calls `build_optimizers`, `train_step` and `sample`; a new family is a
subclass plus a registry entry, and the loop does not change (mimicry's split: each model owns
its train step, the trainer owns time, checkpoints and logging).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

import torch
from torch import nn

from ..config import ModelConfig

if TYPE_CHECKING:  # the engine is handed in by the loop; models never build one
    from ..training.step_engine import StepEngine


@contextlib.contextmanager
def frozen(module: nn.Module):
    """Turn off gradients for a module's parameters inside the block.

    For a network wrapped in DistributedDataParallel this also turns off its gradient sync: the
    backward pass of the block produces no gradient for it, so DDP must not wait for one.
    """
    flags = [p.requires_grad for p in module.parameters()]
    for p in module.parameters():
        p.requires_grad_(False)
    no_sync = module.no_sync() if hasattr(module, "no_sync") else contextlib.nullcontext()
    try:
        with no_sync:
            yield module
    finally:
        for p, flag in zip(module.parameters(), flags):
            p.requires_grad_(flag)


def class_rows(num_classes: int, n: int) -> tuple[torch.Tensor, int]:
    """Labels for a grid with one row per class: (labels, images per row)."""
    per_row = max(1, n // num_classes)
    return torch.arange(num_classes).repeat_interleave(per_row), per_row


class GenerativeModel(nn.Module):
    config_class: ClassVar[type[ModelConfig]] = ModelConfig

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        raise NotImplementedError

    def train_step(self, images: torch.Tensor, labels: torch.Tensor | None,
                   optimizers: dict[str, torch.optim.Optimizer], engine: "StepEngine") -> dict[str, float]:
        """One optimisation step on a uint8 batch (N, C, H, W) and its labels; returns scalars to log.

        Forward passes run under `with engine.autocast():` and every update is
        `engine.update(loss, optimizer, name)` (training/step_engine.py), which adds mixed
        precision's gradient scaling and multi-process gradient averaging. Networks are called as
        attributes (`self.generator(z)`), which under torchrun reach their DDP wrapper.
        """
        raise NotImplementedError

    def decode_latents(self, latents: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """Latents (and class labels, for conditional models) -> uint8 images (N, C, H, W)."""
        raise NotImplementedError

    # Latents drawn from N(0, I) (interpolated spherically); False for discrete codes (VQ-VAE).
    gaussian_latents = True

    def networks_differentiated_twice(self) -> dict[str, nn.Module]:
        """The networks a training step differentiates twice (through a gradient penalty), by name.

        torch.compile, fp16 and SyncBatchNorm cannot train those (training/devices.py)."""
        return {}

    @property
    def num_classes(self) -> int | None:
        """Classes it generates on demand; None for an unconditional model."""
        return None

    def diagnose(self, scalars: dict[str, float]) -> str | None:
        """A family-specific sign that training has failed (the loop then rolls back), or None."""
        return None

    @property
    def latent_shape(self) -> tuple[int, ...]:
        raise NotImplementedError

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, labels: torch.Tensor | None = None,
               batch_size: int = 500, latents: torch.Tensor | None = None) -> torch.Tensor:
        """n images as uint8 (n, C, H, W) on the CPU, from latents drawn with their own generator.

        The latents are drawn on the CPU so a seed gives the same images on any device, and the
        global RNG (which training depends on) is left untouched. A conditional model draws the
        classes in turn (0, 1, ..., 0, 1, ...) unless `labels` are given. `latents` replaces the
        draw from N(0, I) (an ex-post sampler's latents, an interpolation path).
        """
        generator = torch.Generator()
        if seed is None:
            generator.seed()  # fresh entropy, without consuming the global RNG
        else:
            generator.manual_seed(seed)
        if latents is None:
            latents = torch.randn((n, *self.latent_shape), generator=generator)
        if self.num_classes and labels is None:
            labels = torch.arange(n) % self.num_classes
        label_chunks = labels.long().split(batch_size) if labels is not None else [None] * len(latents.split(batch_size))
        was_training = self.training
        self.eval()
        try:
            chunks = [self.decode_latents(chunk.to(self.device), None if lab is None else lab.to(self.device)).cpu()
                      for chunk, lab in zip(latents.split(batch_size), label_chunks)]
        finally:
            self.train(was_training)
        return torch.cat(chunks)
