"""`genforge generate RUN --source TEXT`: a seq2seq run's targets for a source, for a user."""

from __future__ import annotations

from pathlib import Path

from ..loading import load
from ...core.capabilities import require


def generate(run: str | Path, source: str, n: int = 1, decoding: str = "beam", seed: int | None = 0,
             temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None,
             beam_size: int | None = None, checkpoint: str | Path | None = None) -> list[str]:
    """n targets for `source` (beam search and greedy decoding give one, whatever n), from the run's
    newest checkpoint or `checkpoint` ("best", a folder)."""
    model = load(run, checkpoint)
    require(model, "sample_from_input", "`genforge generate`", run)
    model.check_known(source, "--source")  # as `genforge sample --prompt` is checked
    count = n if decoding == "sample" else 1
    return model.generate([source] * count, decoding, seed, temperature, top_k, top_p, beam_size)
