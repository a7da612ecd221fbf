"""`genforge generate RUN --source TEXT`: a seq2seq run's targets for a source, for a user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..loading import load
from ...core.capabilities import require


@dataclass
class GenerateRequest:
    """What `genforge generate RUN` asks for."""

    run_folder: str | Path
    source: str
    n: int = 1  # --decoding sample: how many targets (beam search and greedy decoding give one)
    decoding: str = "beam"
    seed: int | None = 0
    temperature: float = 1.0
    top_k: int | None = None
    top_p: float | None = None
    beam_size: int | None = None
    checkpoint: str | Path | None = None  # "best", a step's name or a folder; None: the newest


def generate(request: GenerateRequest) -> list[str]:
    """The targets for the request's source, from the run's newest checkpoint or the one it names."""
    model = load(request.run_folder, request.checkpoint)
    require(model, "generate_from", "`genforge generate`", request.run_folder)
    model.check_known(request.source, "--source")  # as `genforge sample --prompt` is checked
    count = request.n if request.decoding == "sample" else 1
    return model.generate_from([request.source] * count, request.decoding, request.seed, request.temperature, request.top_k,
                          request.top_p, request.beam_size)
