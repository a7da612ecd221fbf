"""The LM score and the reverse-LM score of a text run's samples, with genforge's own language model.

- LM score: the samples' NLL under a reference LM trained on the real training split. It measures
  quality (samples a model of real text finds likely) and cannot see a lack of diversity: one good
  sentence repeated scores well.
- Reverse-LM score: the NLL of the real held-out text under a fresh LM of the reference's architecture
  and tokeniser trained on the samples. It measures coverage: a model that only writes a few kinds of
  sentence teaches the new LM nothing of the rest.

Both as Zhao et al. (2018, ARAE, "reverse perplexity") and Caccia et al. (2020, "Language GANs falling
short", section 4: they plot one against the other over temperatures), in nats per character so that
runs of different tokenisers compare. The reference is a run the user trained (`genforge eval RUN
--reference-lm LM_RUN`); the reverse LM is trained here by the one training loop on all the samples
(the text source's split "all": a split by content hash would put every copy of a repeated sample in
one split, and a collapsed model's samples maybe in none), for `steps` steps with the reference's
batch size and the request's seed, so that two runs are scored with the same budget.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..loading import load
from ...training.run_config import RunConfig, build_run_config
from ...core import TrainingHooks
from ...data.text.streams import TokenStream, encode_examples
from ...core.errors import DataError, EvalError
from ...metrics.text.likelihood import text_likelihood_report
from ...modalities import modality_of
from ...training.run_folder import RunFolder
from ...training.runs import train as train_loop

DEFAULT_REVERSE_STEPS = 300
# The data fields that choose the text itself; the rest (tokeniser, window, layout) may differ between
# the reference LM and the run it scores.
TOKENISATION_FIELDS = ("tokenizer", "vocab_size", "min_frequency", "tokenizer_file", "sequence_length", "layout",
                       "split")


@dataclass(frozen=True)
class ReferenceLM:
    """A language model of the run's real training text, and where its run folder is."""

    root: Path
    model: object
    config: RunConfig

    @property
    def tokenizer_file(self) -> Path:
        return self.root / "tokenizer.json"


def text_source(data) -> dict:
    return {key: value for key, value in dataclasses.asdict(data).items() if key not in TOKENISATION_FIELDS}


def reference_lm(path: str | Path, data) -> ReferenceLM:
    """The run at `path`, checked to be a language model of a stream (lm, lstm-lm) trained on the same
    text as `data`, the evaluated run's data section."""
    folder = RunFolder(Path(path))
    config = folder.read_config()
    model = load(folder.root)
    if model.modality != "text" or model.config.DATA_LAYOUT != "stream" or not model.capabilities.likelihood:
        raise EvalError(f"--reference-lm {path} is a {config.model.name} run: it must be a language model of a text "
                        "stream (lm, lstm-lm)")
    if text_source(config.data) != text_source(data):
        raise EvalError(f"--reference-lm {path} was trained on {config.data.name} data unlike this run's "
                        f"({data.name}): the LM scores need a reference LM of the same text")
    if not (folder.root / "tokenizer.json").is_file():
        raise EvalError(f"--reference-lm {path} has no tokenizer.json: train it again with this version of genforge")
    return ReferenceLM(folder.root, model, config)


def samples_stream(reference: ReferenceLM, texts: list[str]) -> TokenStream:
    """The samples in the reference's tokenisation, each ended by <eos> where the reference's examples
    are (a running text's samples are lines, joined by line breaks)."""
    spec = reference.model.config
    examples = texts if spec.example_ends else ["\n".join(texts)]
    ids = encode_examples(reference.model.tokenizer, examples, running_text=not spec.example_ends)
    try:
        return TokenStream("samples", ids, reference.model.tokenizer, spec.context, spec.example_ends)
    except DataError:
        raise EvalError(f"the samples hold {len(ids)} tokens, too few to score in windows of {spec.context}: "
                        "draw more (--n)") from None


def lm_score(reference: ReferenceLM, texts: list[str]) -> float:
    """The samples' NLL in nats per character under the reference LM (lower: more like real text)."""
    return text_likelihood_report(reference.model, samples_stream(reference, texts))["nll_nats_per_character"]


def reverse_lm_score(reference: ReferenceLM, texts: list[str], held_out, steps: int, seed: int) -> float:
    """The real held-out text's NLL in nats per character under an LM trained on the samples (lower:
    the samples cover more of real text). `held_out` is in the reference's tokenisation."""
    with tempfile.TemporaryDirectory(prefix="genforge-reverse-lm-") as work:
        samples = Path(work) / "samples.txt"
        samples.write_text("".join(f"{text}\n%\n" for text in texts if text.strip()), encoding="utf-8")
        values = {"model": reference.config.to_dict()["model"],
                  "data": {"name": "text", "dir": str(samples), "separator": "percent",
                           "tokenizer_file": str(reference.tokenizer_file), "sequence_length": reference.model.config.context, "split": "all"},
                  "train": {"steps": steps, "minutes": None, "seed": seed, "batch_size": reference.config.train.batch_size,
                            "checkpoint_every": steps, "keep_checkpoints": 1, "log_every": max(steps // 4, 1)}}
        text = modality_of("text")
        try:
            train_loop(build_run_config(values), Path(work) / "run",
                       hooks=TrainingHooks(unit=text.unit, units_in=text.units_in))
        except DataError as error:
            raise EvalError(f"the reverse LM cannot train on these samples: {error}") from None
        reverse = load(Path(work) / "run")
        return text_likelihood_report(reverse, held_out)["nll_nats_per_character"]
