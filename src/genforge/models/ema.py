"""Exponential moving average of a network's weights (Yazici et al. 2019; Karras et al. 2018):
sampling from the average gives visibly better GAN samples than the last iterate."""

from __future__ import annotations

import copy

import torch
from torch import nn


def make_ema_copy(module: nn.Module) -> nn.Module:
    ema = copy.deepcopy(module)
    ema.requires_grad_(False)
    return ema


@torch.no_grad()
def update_ema(ema: nn.Module, module: nn.Module, decay: float) -> None:
    for averaged, current in zip(ema.parameters(), module.parameters()):
        averaged.lerp_(current, 1.0 - decay)
    for averaged, current in zip(ema.buffers(), module.buffers()):
        averaged.copy_(current)  # BatchNorm statistics follow the live network
