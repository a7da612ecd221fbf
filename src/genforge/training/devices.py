"""The device a run trains on, and the GPU options its model can train with.

Every check here runs before anything is built or written, so a wrong flag costs one line on
stderr and exit code 2, not a PyTorch traceback halfway into a run.
"""

from __future__ import annotations

import torch

from ..config import TrainConfig
from ..errors import ConfigError
from ..models.base import GenerativeModel
from ..models.ema import has_batchnorm


def resolve_device(name: str) -> torch.device:
    """The torch.device for `--device`, made the current CUDA device when it names one."""
    device = torch.device(name)
    if device.type != "cuda":
        return device
    if not torch.cuda.is_available():
        raise ConfigError(f"--device {name} was asked for, but PyTorch sees no CUDA GPU here; use --device cpu")
    count = torch.cuda.device_count()
    if device.index is not None:
        if device.index >= count:
            raise ConfigError(f"--device {name}: this machine has {count} CUDA GPU(s), cuda:0 to cuda:{count - 1}")
        # Bare "cuda" tensors and the saved CUDA RNG state follow the current device.
        torch.cuda.set_device(device)
    return device


def check_precision(device: torch.device, precision: str) -> None:
    if precision == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
        raise ConfigError("--precision bf16 needs a GPU with bfloat16 support (Ampere or newer); "
                          "use --precision fp16 here")


def check_double_backward(model: GenerativeModel, train: TrainConfig) -> None:
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
    if train.sync_batchnorm and any(has_batchnorm(network) for network in twice.values()):
        raise ConfigError(f"--sync-batchnorm cannot train this model: SyncBatchNorm has no double backward, "
                          f"which the gradient penalty needs through the BatchNorm of its {names}")
