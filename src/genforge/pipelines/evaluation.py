"""Evaluation for a user: a run's samples for the metrics, which never load a model themselves."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..core import MODALITIES
from ..data import held_out_split
from ..errors import EvalError
from ..metrics.evaluate import EvalResult, evaluate
from ..metrics.sources import RUN_READERS
from ..models import MODELS
from ..storage import write_json_atomically
from ..training.run_folder import RunFolder


@RUN_READERS.register("run")
def run_images(run: Path, n: int, seed: int) -> torch.Tensor:
    """n images sampled with `seed` from the newest intact checkpoint of `run`."""
    return load(run).sample(n, seed=seed).values


def evaluate_run(run: str | Path, metric_names: list[str], extractor: str, count: int, real_count: int,
                 seed: int = 0, reference: str | None = None, real: str | None = None, options: dict | None = None,
                 out: str | Path | None = None) -> tuple[EvalResult, Path]:
    """Score a run's samples against its dataset's held-out split (or `real`), and write the record
    with the checkpoint step it describes to RUN/eval.json (or `out`): the one place that writes it."""
    folder = RunFolder(Path(run))
    config = folder.read_config()
    modality = MODELS.get(config.model.name).modality
    if not MODALITIES.get(modality).feature_metrics:
        raise EvalError(f"`genforge eval` scores images (IS, FID, KID, precision/recall); {run} is a "
                        f"{config.model.name} ({modality}): `genforge nll {run}` measures its likelihood")
    step = folder.newest_intact_checkpoint().step  # the checkpoint its samples come from
    real = real or f"{config.data.name}:{reference or held_out_split(config.data)}"
    result = evaluate(str(folder.root), real, metric_names, extractor, count=count, real_count=real_count,
                      seed=seed, data=config.data, options=options)
    result.record["step"] = step
    out = Path(out) if out else folder.root / "eval.json"
    write_json_atomically(out, result.record, "the evaluation")
    return result, out
