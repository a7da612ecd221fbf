"""Mixed precision: an autocast factory for the model's train step."""

from __future__ import annotations

import contextlib
import functools

import torch

DTYPES = {"fp32": None, "bf16": torch.bfloat16}


def autocast_factory(device: torch.device, precision: str):
    dtype = DTYPES[precision]
    if dtype is None:
        return contextlib.nullcontext
    return functools.partial(torch.autocast, device_type=device.type, dtype=dtype)
