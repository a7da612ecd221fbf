"""What a model's `train_step` gets from the loop: mixed precision and one optimiser update.

Models write `with engine.autocast(): ...` around their forward passes and `engine.update(loss,
optimizer)` for each update; the engine adds what the run asks for without the model knowing:
autocast (bf16 or fp16), a gradient scaler for fp16 (whose small gradients would otherwise
underflow), and, across torchrun processes, the averaging of the gradients that DDP does not
average (parameters outside the model's networks; see distributed.py).
"""

from __future__ import annotations

import contextlib
import functools

import torch

from .distributed import World

DTYPES = {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


class StepEngine:
    def __init__(self, device: torch.device = torch.device("cpu"), precision: str = "fp32", world: World = World(),
                 averaged_by_ddp: frozenset[int] = frozenset()):
        dtype = DTYPES[precision]
        self.autocast = (contextlib.nullcontext if dtype is None
                         else functools.partial(torch.autocast, device_type=device.type, dtype=dtype))
        self.device = device
        self.world = world
        self.averaged_by_ddp = averaged_by_ddp  # ids of parameters whose gradients DDP averages
        self.scaling = precision == "fp16"
        self.scalers: dict[str, torch.amp.GradScaler] = {}  # one per optimiser, by its name
        self.skipped_steps = 0

    def scaler(self, name: str) -> torch.amp.GradScaler:
        if name not in self.scalers:
            self.scalers[name] = torch.amp.GradScaler(self.device.type)
        return self.scalers[name]

    def update(self, loss: torch.Tensor, optimizer: torch.optim.Optimizer, name: str = "",
               max_grad_norm: float | None = None) -> float | None:
        """Backward (DDP averages across processes), average the rest, step; gradients stay in .grad for diagnostics.

        With `max_grad_norm`, the gradients are first clipped to that total norm (Pascanu et al.
        2013), and the norm before clipping is returned (the stability guard watches it)."""
        optimizer.zero_grad(set_to_none=True)
        if not self.scaling:
            loss.backward()
            self.world.average_gradients(optimizer, self.averaged_by_ddp)
            norm = self.clip(optimizer, max_grad_norm)
            optimizer.step()
            return norm
        scaler = self.scaler(name)
        scaler.scale(loss).backward()
        # Average before unscaling: an inf in one process then reaches all, and all skip the step.
        self.world.average_gradients(optimizer, self.averaged_by_ddp)
        scaler.unscale_(optimizer)
        norm = self.clip(optimizer, max_grad_norm)
        scale = scaler.get_scale()
        scaler.step(optimizer)  # skipped when a gradient is inf/NaN; the scale then shrinks
        scaler.update()
        if scaler.get_scale() < scale:
            # A skipped step is routine for fp16 (the scale is probing upwards), not a failure: the
            # inf gradients go, so gradient norms (and the stability guard) see a step not taken.
            optimizer.zero_grad(set_to_none=True)
            self.skipped_steps += 1
        return norm

    @staticmethod
    def clip(optimizer: torch.optim.Optimizer, max_norm: float | None) -> float | None:
        if max_norm is None:
            return None
        parameters = [p for group in optimizer.param_groups for p in group["params"] if p.grad is not None]
        return float(torch.nn.utils.clip_grad_norm_(parameters, max_norm))

    def state(self) -> dict:
        return {name: scaler.state_dict() for name, scaler in self.scalers.items()}

    def load_state(self, state: dict) -> None:
        for name, values in state.items():
            self.scaler(name).load_state_dict(values)
