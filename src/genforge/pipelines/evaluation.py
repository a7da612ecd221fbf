"""Evaluation for a user: `genforge eval RUN` scores a run by the handler of its modality
(pipelines/<modality>/handler.py) and writes RUN/eval.json, the one place that writes it, with the
checkpoint it describes and what the record is (`modality`, `kind`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..core.storage import write_json_atomically
from ..metrics.results import EvalResult
from ..models import MODELS, build_model
from ..training.run_folder import RunFolder
from .handlers import PIPELINES


@dataclass
class EvalRequest:
    """What `genforge eval RUN` asks for; None: the modality's default. Which fields a modality reads
    is its handler's business: the feature-network metrics (`metric_names`, `extractor`, `options`)
    score images, the sampling temperature, the curve and the reference LM score text."""

    metric_names: list[str] = dataclasses.field(default_factory=list)
    extractor: str | None = None
    count: int | None = None
    real_count: int | None = None
    seed: int = 0
    reference: str | None = None  # the split of the run's data to compare with (default: its held-out one)
    real: str | None = None  # another source to compare with
    options: dict | None = None
    temperature: float = 1.0
    curve: bool = False  # text: also BLEU-4 against Self-BLEU-4 over temperatures 0.5 to 1.5
    reference_lm: str | None = None  # text: an LM run of the same text, for the LM and reverse-LM scores
    reverse_steps: int | None = None
    importance_samples: int | None = None  # a latent model: k of the likelihood bound (None: its default)
    checkpoint: str | Path | None = None  # which weights: a name in RUN/checkpoints ("best") or a folder
    chosen: Path | None = None  # the checkpoint folder the samples come from, set by evaluate_run
    model: object | None = None  # that checkpoint's model, where the caller has it loaded (set by evaluate_run)


def evaluate_run(run: str | Path, request: EvalRequest, out: str | Path | None = None,
                 model=None) -> tuple[EvalResult, Path]:
    """Score a run's samples against its dataset's held-out split (or `request.real`) by the metrics of
    its modality, and write the record with the checkpoint it describes (the newest intact one, or
    `request.checkpoint`) to RUN/eval.json (or `out`). `model`: the run's model where the caller has
    loaded it (genforge report), sampled when it is from the checkpoint chosen, instead of loading it again."""
    folder = RunFolder(Path(run))
    config = folder.read_config()
    if model is not None and request.checkpoint is None:  # the caller chose (and checked) the newest fitting one
        path, step, loaded = model.loaded_from, model.loaded_step, model
    else:
        # Checked whole here, and that its weights fit the config's model; the evaluation loads it from its path.
        chosen = folder.chosen_checkpoint(request.checkpoint,
                                          use=lambda found: found.load_model(build_model(config.model)))
        path, step, loaded = chosen.path, chosen.step, None
        del chosen  # its tensors: the model holds its own copy while it is evaluated
    modality = MODELS.modality_of(config.model.name)
    result = PIPELINES.get(modality).evaluate(folder, config, dataclasses.replace(request, chosen=path, model=loaded))
    result.record.update({"modality": modality, "step": step, "checkpoint": path.name})
    out = Path(out) if out else folder.root / "eval.json"
    write_json_atomically(out, result.record, "the evaluation")
    return result, out
