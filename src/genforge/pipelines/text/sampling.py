"""What `genforge sample` draws from a text run: continuations of a prompt, printed or written as
.txt or .jsonl."""

from __future__ import annotations

from ...core.errors import GenforgeError
from ..handlers import SamplingPlan

# The longest sample asked for, in tokens: a stream model samples past its window, so without a
# bound a mistyped --length runs for days. Files are bounded by the disk check as well.
MAX_LENGTH = 100_000


def plan_texts(model, request, n: int, fmt: str | None) -> SamplingPlan:
    if request.class_index is not None:
        model.capabilities.require("sample_by_class", "`genforge sample --class`", request.run_folder, model.config.name)
    if request.sampler != "prior":
        model.capabilities.require("encode", f"--sampler {request.sampler}", request.run_folder, model.config.name)
    length = 400 if request.length is None else request.length
    if length > MAX_LENGTH:
        raise GenforgeError(f"--length must be at most {MAX_LENGTH:,} tokens, got {length}")
    options = {"length": length, "temperature": 0.8 if request.temperature is None else request.temperature,
               "prompt": request.prompt or "", "top_k": request.top_k, "top_p": request.top_p}

    def notes(samples) -> list[str]:
        cut = samples.conditioning.get("prompt_cut")
        return [f"note: the prompt is longer than the model's context of {model.config.context} tokens: its first "
                f"{cut} tokens were left out"] if cut else []

    return SamplingPlan(n, lambda start, count, seed: model.sample(count, seed=seed, **options), options, notes=notes)
