"""The device a run trains on, and the GPU options its model can train with.

Every check here runs before training starts and before a run folder is written, so a wrong flag
costs one line on stderr and exit code 2, not a PyTorch traceback halfway into a run. (The model's
checks come after the data is loaded, which decides its image size: a photo cache built by then
is kept for the next try.)
"""

from __future__ import annotations

import torch

from .train_config import TrainConfig
from ..core.errors import ConfigError
from ..models.base import GenerativeModel
from ..models.ema import has_batchnorm


def resolve_device(name: str) -> torch.device:
    """The torch.device for `--device` (cpu, cuda or cuda:N), checked against this machine."""
    try:
        device = torch.device(name)
    except RuntimeError:
        raise ConfigError(f"--device {name!r} is not a device: use cpu, cuda or cuda:N") from None
    if device.type not in ("cpu", "cuda"):
        raise ConfigError(f"--device {name!r}: genforge trains on cpu or cuda (cuda:N for one GPU)")
    if device.type != "cuda":
        return device
    if not torch.cuda.is_available():
        raise ConfigError(f"--device {name} was asked for, but PyTorch sees no CUDA GPU here; use --device cpu")
    count = torch.cuda.device_count()
    if device.index is not None and device.index >= count:
        raise ConfigError(f"--device {name}: this machine has {count} CUDA GPU(s), cuda:0 to cuda:{count - 1}")
    return device


def make_current(device: torch.device) -> None:
    """A training process works on one GPU: bare "cuda" tensors and the saved CUDA RNG state then
    follow it (a run on cuda:1 would otherwise save and restore cuda:0's generator)."""
    if device.type == "cuda" and device.index is not None:
        torch.cuda.set_device(device)


def check_precision(device: torch.device, precision: str) -> None:
    if precision == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
        raise ConfigError("--precision bf16 needs a GPU with bfloat16 support (Ampere or newer); "
                          "use --precision fp16 here")


def check_double_backward(model: GenerativeModel, train: TrainConfig, distributed: bool) -> None:
    """Refuse the options that cannot train a network differentiated twice (a gradient penalty)."""
    twice = model.networks_differentiated_twice()
    if not twice:
        return
    names = " and ".join(twice)
    if train.compile:
        raise ConfigError(f"--compile cannot train this model: its {names} is differentiated twice "
                          "(a gradient penalty), which torch.compile does not support")
    if train.precision == "fp16":
        # autograd.grad of the unscaled critic through fp16 layers underflows; bf16 has fp32's range.
        raise ConfigError(f"--precision fp16 cannot train this model: the gradient penalty on its {names} "
                          "underflows in fp16; use --precision bf16")
    if train.sync_batchnorm and distributed and any(has_batchnorm(network) for network in twice.values()):
        raise ConfigError(f"--sync-batchnorm cannot train this model: SyncBatchNorm has no double backward, "
                          f"which the gradient penalty needs through the BatchNorm of its {names}")
