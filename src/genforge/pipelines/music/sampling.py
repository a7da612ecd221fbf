"""What `genforge sample` draws from a music run: n pieces on the model's grid (`--bars` where the
family can change its length), a chunk at a time."""

from __future__ import annotations

from ...core.errors import GenforgeError
from ..handlers import SamplingPlan
from ..sample import TEXT_FLAGS

TEXT_ONLY = tuple(flag for flag in TEXT_FLAGS if flag != "temperature")  # music samples take a temperature too


def plan_music(model, request, n: int, fmt) -> SamplingPlan:
    for flag in TEXT_ONLY:
        if getattr(request, flag, None) is not None:
            raise GenforgeError(f"--{flag.replace('_', '-')} is for text runs; {request.run_folder} is a music run")
    if request.class_index is not None:
        raise GenforgeError("--class is for class-conditional image runs")
    bars = getattr(request, "bars", None)
    if bars is not None and bars < 1:
        raise GenforgeError(f"--bars must be at least 1, got {bars}")
    grid = model.grid(bars)
    options = {"steps": grid.steps, "steps_per_quarter": grid.steps_per_quarter, "representation": grid.representation}
    drawing = {"steps": grid.steps}
    if request.temperature is not None:
        if not 0 < request.temperature < float("inf"):
            raise GenforgeError(f"--temperature must be positive and finite, got {request.temperature}")
        drawing["temperature"] = request.temperature
    return SamplingPlan(n, lambda start, count, seed: model.sample(count, seed=seed, **drawing), options=options)
