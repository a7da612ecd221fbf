"""Evaluation for a user: a run's samples for the metrics, which never load a model themselves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch

from ..api import load
from ..data import held_out_split
from ..errors import EvalError
from ..metrics.evaluate import DEFAULT_COUNT, EvalResult, evaluate
from ..metrics.sources import RUN_READERS, is_run_checkpoint
from ..models import MODELS, build_model
from ..registry import Registry
from ..storage import write_json_atomically
from ..training.run_folder import RunFolder
from .lm_scores import DEFAULT_REVERSE_STEPS
from .text_evaluation import evaluate_text_run


@RUN_READERS.register("run")
def run_images(source: Path, n: int, seed: int) -> torch.Tensor:
    """n images sampled with `seed` from the newest intact checkpoint of a run, or from one checkpoint
    folder of a run (RUN/checkpoints/best)."""
    if is_run_checkpoint(source):
        return load(source.parent.parent, checkpoint=source).sample(n, seed=seed).values
    return load(source).sample(n, seed=seed).values


@dataclass
class EvalRequest:
    """What `genforge eval RUN` asks for; `count` and `real_count` None: the modality's defaults."""

    metric_names: list[str]
    extractor: str
    count: int | None = None
    real_count: int | None = None
    seed: int = 0
    reference: str | None = None
    real: str | None = None
    options: dict | None = None
    temperature: float = 1.0
    curve: bool = False  # text: also BLEU-4 against Self-BLEU-4 over temperatures 0.5 to 1.5
    reference_lm: str | None = None  # text: an LM run of the same text, for the LM and reverse-LM scores
    reverse_steps: int = DEFAULT_REVERSE_STEPS
    importance_samples: int | None = None  # text, a latent model: k of the likelihood bound (None: its default)
    checkpoint: Path | None = None  # the checkpoint folder the samples come from, chosen by evaluate_run


def evaluate_run(run: str | Path, metric_names: list[str], extractor: str, count: int | None = None,
                 real_count: int | None = None, seed: int = 0, reference: str | None = None, real: str | None = None,
                 options: dict | None = None, out: str | Path | None = None,
                 temperature: float = 1.0, curve: bool = False, reference_lm: str | None = None,
                 reverse_steps: int = DEFAULT_REVERSE_STEPS, importance_samples: int | None = None,
                 checkpoint: str | Path | None = None) -> tuple[EvalResult, Path]:
    """Score a run's samples against its dataset's held-out split (or `real`) by the metrics of its
    modality, and write the record with the checkpoint it describes (the newest intact one, or
    `checkpoint`: "best" or a folder) to RUN/eval.json (or `out`): the one place that writes it."""
    folder = RunFolder(Path(run))
    config = folder.read_config()
    # Checked whole here, and that its weights fit the config's model; the evaluation loads it from its path.
    chosen = folder.chosen_checkpoint(checkpoint, use=lambda found: found.load_model(build_model(config.model)))
    path, step = chosen.path, chosen.step
    del chosen  # its tensors: the model holds its own copy while it is evaluated
    request = EvalRequest(metric_names, extractor, count, real_count, seed, reference, real, options, temperature, curve,
                          reference_lm, reverse_steps, importance_samples, path)
    result = RUN_EVALUATIONS.get(MODELS.get(config.model.name).modality)(folder, config, request)
    result.record.update({"step": step, "checkpoint": path.name})
    out = Path(out) if out else folder.root / "eval.json"
    write_json_atomically(out, result.record, "the evaluation")
    return result, out


def evaluate_images(folder: RunFolder, config, request: EvalRequest) -> EvalResult:
    """IS, FID, KID, precision/recall through a feature network (metrics/evaluate.py)."""
    if request.reference_lm:
        raise EvalError("--reference-lm is for text runs: it scores sampled text")
    real = request.real or f"{config.data.name}:{request.reference or held_out_split(config.data)}"
    return evaluate(str(request.checkpoint or folder.root), real, request.metric_names, request.extractor,
                    count=request.count or DEFAULT_COUNT, real_count=request.real_count or DEFAULT_COUNT,
                    seed=request.seed, data=config.data, options=request.options)


def evaluate_text(folder: RunFolder, config, request: EvalRequest) -> EvalResult:
    """The held-out likelihood, BLEU, Self-BLEU, distinct-n and novelty (text_evaluation.py)."""
    return evaluate_text_run(folder, config, request)


# modality -> how `genforge eval RUN` measures a run of it
RUN_EVALUATIONS: Registry = Registry("modality with an evaluation")
RUN_EVALUATIONS.register("image")(evaluate_images)
RUN_EVALUATIONS.register("text")(evaluate_text)
