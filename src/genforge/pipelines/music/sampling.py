"""What `genforge sample` draws from a music run: n pieces of the model's length, a chunk at a time."""

from __future__ import annotations

from ...core.errors import GenforgeError
from ..handlers import SamplingPlan

TEXT_ONLY = ("prompt", "top_k", "top_p", "length", "temperature")


def plan_music(model, request, n: int, fmt) -> SamplingPlan:
    for flag in TEXT_ONLY:
        if getattr(request, flag, None) is not None:
            raise GenforgeError(f"--{flag.replace('_', '-')} is for text runs; {request.run_folder} is a music run")
    if request.class_index is not None:
        raise GenforgeError("--class is for class-conditional image runs")
    steps = model.config.sample_frames
    per_quarter = model.config.steps_per_quarter or 4
    options = {"steps": steps, "steps_per_quarter": per_quarter, "representation": "pianoroll"}
    return SamplingPlan(n, lambda start, count, seed: model.sample(count, seed=seed), options=options)
