"""Flattening training state (modules, optimizers, RNGs) into safetensors tensors plus JSON, and back."""

from __future__ import annotations

import base64

import torch
from torch import nn


def module_tensors(module: nn.Module, prefix: str = "model") -> dict[str, torch.Tensor]:
    return {f"{prefix}.{key}": value for key, value in module.state_dict().items()}


def optimizer_to_tensors_and_json(name: str, optimizer: torch.optim.Optimizer) -> tuple[dict, dict]:
    """Optimizer state: its tensors (moments, step counts) and the rest (hyperparameters) as JSON."""
    state_dict = optimizer.state_dict()
    tensors, scalars = {}, {}
    for index, entry in state_dict["state"].items():
        for key, value in entry.items():
            if isinstance(value, torch.Tensor):
                tensors[f"optimizer.{name}.{index}.{key}"] = value
            else:
                scalars.setdefault(str(index), {})[key] = value
    return tensors, {"param_groups": state_dict["param_groups"], "scalars": scalars}


def optimizer_from_tensors_and_json(optimizer: torch.optim.Optimizer, name: str,
                                    tensors: dict[str, torch.Tensor], saved: dict) -> None:
    state: dict[int, dict] = {}
    prefix = f"optimizer.{name}."
    for key, value in tensors.items():
        if key.startswith(prefix):
            index, field = key[len(prefix):].split(".", 1)
            state.setdefault(int(index), {})[field] = value
    for index, entry in saved["scalars"].items():
        state.setdefault(int(index), {}).update(entry)
    groups = [{**group, "betas": tuple(group["betas"])} if "betas" in group else group
              for group in saved["param_groups"]]
    optimizer.load_state_dict({"state": state, "param_groups": groups})
    check_moment_shapes(optimizer)
    match_parameter_layouts(optimizer)


def check_moment_shapes(optimizer: torch.optim.Optimizer) -> None:
    """ValueError when a loaded moment is not shaped as its parameter (torch loads it without a look,
    and the first step after the resume would fail deep inside the optimiser)."""
    for group in optimizer.param_groups:
        for parameter in group["params"]:
            for key, value in optimizer.state.get(parameter, {}).items():
                if isinstance(value, torch.Tensor) and value.ndim and value.shape != parameter.shape:
                    raise ValueError(f"{key} of shape {tuple(value.shape)} for a parameter of shape "
                                     f"{tuple(parameter.shape)}")


def match_parameter_layouts(optimizer: torch.optim.Optimizer) -> None:
    """Moments laid out as their parameters are (channels-last ones stay so): loading copies them
    in the default layout, and a layout mismatch takes Adam off its fast multi-tensor path."""
    for group in optimizer.param_groups:
        for parameter in group["params"]:
            for key, value in optimizer.state.get(parameter, {}).items():
                if isinstance(value, torch.Tensor) and value.shape == parameter.shape \
                        and value.stride() != parameter.stride():
                    optimizer.state[parameter][key] = torch.empty_like(parameter, dtype=value.dtype).copy_(value)


def _encode(state: torch.Tensor) -> str:
    return base64.b64encode(state.numpy().tobytes()).decode("ascii")


def _decode(text: str) -> torch.Tensor:
    return torch.frombuffer(bytearray(base64.b64decode(text)), dtype=torch.uint8)


def capture_rng_states() -> dict:
    """The CPU generator and the current GPU's (only that one: a run may resume on fewer GPUs)."""
    states = {"torch_cpu": _encode(torch.get_rng_state())}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        states["torch_cuda_current"] = _encode(torch.cuda.get_rng_state())
    return states


def restore_rng_states(states: dict) -> None:
    torch.set_rng_state(_decode(states["torch_cpu"]))
    if "torch_cuda_current" in states and torch.cuda.is_available():
        torch.cuda.set_rng_state(_decode(states["torch_cuda_current"]))
