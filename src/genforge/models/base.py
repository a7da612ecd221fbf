"""What every model family provides to the training loop and the pipelines, whatever its data.

The loop only ever calls `build_optimizers`, `train_step(batch, ...)` and (through a modality's
previews) `sample`; a new family is a subclass plus a registry entry, and the loop does not change
(mimicry's split: each model owns its train step, the trainer owns time, checkpoints and logging).
Image families share latent_image.py; the text families share text_config.py (language models: lm/).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

import torch
from torch import nn

from .model_config import ModelConfig
from ..core import Batch, Capabilities, Samples

if TYPE_CHECKING:  # the engine is handed in by the loop; models never build one
    from pathlib import Path

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


class GenerativeModel(nn.Module):
    config_class: ClassVar[type[ModelConfig]] = ModelConfig
    # The capabilities its models may declare (core/capabilities.py), each checked, when the family
    # registers, against the methods the class has; `capabilities` says which a model declares.
    CAPABLE_OF: ClassVar[tuple[str, ...]] = ("sample",)
    # The kind of data it trains on and generates, as its family registered the model's name
    # (MODELS.register(name, modality=...)); set on each model build_model makes.
    modality: str

    # Which training step the weights are from, set when a run's checkpoint is loaded (eval.json records it).
    loaded_step: int | None = None
    loaded_from: "Path | None" = None  # the checkpoint folder they were read from

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config

    def assets(self) -> dict[str, dict]:
        """What the model needs beside its tensors to be used (a tokeniser), as JSON objects by name:
        saved in every checkpoint's state.json, so a run samples without its corpus."""
        return {}

    def load_assets(self, assets: dict[str, dict]) -> None:
        """Take the assets of the data it trains on (DataSpec.assets) or of a checkpoint."""

    @property
    def capabilities(self) -> Capabilities:
        """What this model can do; commands check it (core/capabilities.py). A property, since some
        depend on the config (a conditional GAN samples by class)."""
        return Capabilities()

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        raise NotImplementedError

    def train_step(self, batch: Batch, optimizers: dict[str, torch.optim.Optimizer],
                   engine: "StepEngine") -> dict[str, float]:
        """One optimisation step on a Batch (already on the model's device); returns scalars to log.

        Forward passes run under `with engine.autocast():` and every update is
        `engine.update(loss, optimizer, name)` (training/step_engine.py), which adds mixed
        precision's gradient scaling and multi-process gradient averaging. Networks are called as
        attributes (`self.generator(z)`), which under torchrun reach their DDP wrapper.
        """
        raise NotImplementedError

    def sample(self, n: int, seed: int | None = None, **conditioning) -> Samples:
        """n samples of the model's modality, on the CPU, drawn with a generator of their own (the
        global RNG, which training depends on, is left untouched): the same seed, the same samples."""
        raise NotImplementedError

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        """The mean loss of a held-out batch, in the unit its data's spec declares (DataSpec.loss_unit),
        for the validation loss during training (metrics/validation_loss.py)."""
        raise NotImplementedError(f"{type(self).__name__} has no validation loss")

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
    def device(self) -> torch.device:
        return next(self.parameters()).device


def seeded_generator(seed: int | None) -> torch.Generator:
    """A CPU generator seeded with `seed`, or with fresh entropy (not the global RNG's) when None."""
    generator = torch.Generator()
    if seed is None:
        generator.seed()
    else:
        generator.manual_seed(seed)
    return generator


class evaluating:
    """`with evaluating(model):` eval mode inside the block, the previous mode restored after."""

    def __init__(self, module: torch.nn.Module):
        self.module, self.was_training = module, module.training

    def __enter__(self):
        self.module.eval()
        return self.module

    def __exit__(self, *exc):
        self.module.train(self.was_training)
