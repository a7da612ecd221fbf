"""`genforge eval` of a text run: the held-out likelihood and the sample metrics (metrics/text_metrics.py).

Samples are drawn with the run's tokeniser and the request's seed and temperature: whole examples where
the data's examples end with <eos> (a fortune, a poem), else the first line of each continuation of a
line break (a running text's references are its lines). BLEU-n compares them with a seeded subset of the
held-out examples, Self-BLEU-n with one another, novelty with the training examples."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field

from ..loading import load
from ...data import held_out_split, load_split
from ...core.errors import EvalError
from ...metrics.results import EvalResult
from ...metrics.text.translation import translation_scores
from ...core.registry import Registry
from .likelihood import text_figures
from .lm_scores import DEFAULT_REVERSE_STEPS, ReferenceLM, lm_score, reference_lm, reverse_lm_score
from ...metrics.text.sample_metrics import (ORDERS, SMOOTHING, bleu_scores, distinct, nearest_examples, novelty,
                                    self_bleu_scores)

DEFAULT_SAMPLES = 200
CURVE_TEMPERATURES = (0.5, 0.75, 1.0, 1.25, 1.5)  # Caccia et al. 2020 sweep the temperature to trace the curve
DEFAULT_REFERENCES = 500
MAX_TOKENS = 256  # the longest sample drawn; examples usually end well before (<eos>)
SHOWN = 10  # samples kept in eval.json with their nearest training example


def draw_texts(model, count: int, seed: int, temperature: float) -> list[str]:
    samples = model.sample(count, seed=seed, length=MAX_TOKENS, temperature=temperature)
    if model.config.example_ends:
        return [text.strip() for text in samples]
    return [next((line for line in text.splitlines() if line.strip()), "").strip() for text in samples]


def quality_diversity_curve(request: "TextEvaluation", references: list[str], count: int) -> list[dict]:
    """BLEU-4 (quality) against Self-BLEU-4 (lack of diversity) of samples at each temperature of
    CURVE_TEMPERATURES, and the LM against the reverse-LM score where a reference LM is given: the
    curves on which Caccia et al. (2020) compare language GANs with MLE models."""
    rows = []
    for temperature in CURVE_TEMPERATURES:
        texts = draw_texts(request.model, count, request.seed, temperature)
        rows.append({"temperature": temperature, "BLEU-4": bleu_scores(texts, references, (4,))[4],
                     "Self-BLEU-4": self_bleu_scores(texts, (4,))[4], "distinct-2": distinct(texts, 2),
                     **request.lm_scores(texts)})
    return rows


def evaluate_text_run(folder, config, asked) -> EvalResult:
    """The figures of a text run by the layout its model reads: samples against held-out examples (a
    language model, a sentence VAE), or outputs against held-out targets (seq2seq). `asked` is
    pipelines/evaluation.EvalRequest (count, real_count, seed, reference, temperature, curve,
    reference_lm, reverse_steps, importance_samples)."""
    started = time.perf_counter()
    if not asked.temperature > 0:
        raise EvalError(f"--temperature must be positive, got {asked.temperature}")
    if math.isinf(asked.temperature):
        raise EvalError(f"--temperature must be finite, got {asked.temperature}")
    reverse_steps = DEFAULT_REVERSE_STEPS if asked.reverse_steps is None else asked.reverse_steps
    if reverse_steps < 1 or (asked.importance_samples is not None and asked.importance_samples < 1):
        raise EvalError("--reverse-steps and --k must be positive")
    model = asked.model if asked.model is not None else load(folder.root, checkpoint=asked.chosen)
    if asked.reference_lm and model.config.DATA_LAYOUT not in SAMPLED_LAYOUTS:
        raise EvalError(f"--reference-lm scores samples; a {config.model.name} run is scored by its outputs")
    scorer = reference_lm(asked.reference_lm, config.data) if asked.reference_lm else None  # checked before scoring
    split = asked.reference or held_out_split(config.data)
    held_out = load_split(config.data, split)
    likelihood = {**text_figures(model, held_out, asked.importance_samples, asked.real_count or DEFAULT_REFERENCES),
                  "split": split}
    values = {"NLL (nats/token)": likelihood["nll_nats_per_token"], "perplexity": likelihood["perplexity"],
              "bits/char": likelihood["bits_per_character"]}
    request = TextEvaluation(model, config, held_out, asked.count, asked.real_count, asked.seed, asked.temperature,
                             asked.curve, scorer, load_split(scorer.config.data, split) if scorer else None,
                             reverse_steps)
    record = SCORINGS.get(model.config.DATA_LAYOUT)(request, values)
    notes = [] if all(map(math.isfinite, values.values())) else ["some figures are not finite"]
    record.update({"kind": "text-evaluation", "metrics": values, "seed": asked.seed, "seconds": time.perf_counter() - started,
                   "likelihood": likelihood})
    record["real"] = {"source": f"{config.data.name}:{split}", **record["real"]}
    record["tokenization"]["likelihood"] = (f"the run's tokeniser ({likelihood['tokenizer']}); bits/char counts each "
                                            "<eos> as a character")
    return EvalResult(values, notes, record)


@dataclass
class TextEvaluation:
    model: object
    config: object
    held_out: object
    count: int | None
    real_count: int | None
    seed: int
    temperature: float
    curve: bool
    reference_lm: ReferenceLM | None = None
    reverse_held_out: object = None  # the held-out text in the reference LM's tokenisation
    reverse_steps: int = DEFAULT_REVERSE_STEPS

    scored: dict = field(default_factory=dict)  # texts -> their LM scores: the curve's T=1 is eval's own samples

    def lm_scores(self, texts: list[str]) -> dict:
        """The LM and reverse-LM scores of `texts` (pipelines/lm_scores.py), where a reference LM is given."""
        if self.reference_lm is None:
            return {}
        key = tuple(texts)
        if key not in self.scored:  # a reverse LM trains for each set of samples: never twice for one
            self.scored[key] = {"LM score": lm_score(self.reference_lm, texts),
                                "reverse-LM score": reverse_lm_score(self.reference_lm, texts, self.reverse_held_out,
                                                                     self.reverse_steps, self.seed)}
        return self.scored[key]


def score_samples(request: TextEvaluation, values: dict) -> dict:
    """Samples against a seeded subset of held-out examples: BLEU, Self-BLEU, distinct-n, novelty."""
    count, real_count = request.count or DEFAULT_SAMPLES, request.real_count or DEFAULT_REFERENCES
    if count < 2:
        raise EvalError("--n must be at least 2 for text: Self-BLEU compares each sample with the others")
    references = request.held_out.examples
    if len(references) > real_count:
        references = random.Random(request.seed).sample(references, real_count)
    texts = draw_texts(request.model, count, request.seed, request.temperature)
    training = load_split(request.config.data, "train").examples
    values.update({f"BLEU-{n}": score for n, score in bleu_scores(texts, references).items()})
    values.update({f"Self-BLEU-{n}": score for n, score in self_bleu_scores(texts).items()})
    values.update({"distinct-1": distinct(texts, 1), "distinct-2": distinct(texts, 2), "novelty": novelty(texts, training)})
    values.update({f"{name} (nats/char)": score for name, score in request.lm_scores(texts).items()})
    record = {
        "fake": {"source": "samples", "count": count, "temperature": request.temperature, "max_tokens": MAX_TOKENS},
        "real": {"count": len(references)},
        "tokenization": {"bleu": "whitespace tokens (Texygen)", "smoothing": SMOOTHING, "orders": list(ORDERS)},
        "nearest": nearest_examples(texts[:SHOWN], training),  # the report shows each beside its sample
    }
    if request.reference_lm is not None:
        record["lm_scores"] = {
            "reference_lm": str(request.reference_lm.root), "reference_step": request.reference_lm.model.loaded_step,
            "unit": "nats/char", "reverse_steps": request.reverse_steps,
            "reverse_lm": f"{request.reference_lm.config.model.name} as the reference, trained on all the samples"}
    if request.curve:
        record["curve"] = quality_diversity_curve(request, references, count)
    return record


def score_outputs(request: TextEvaluation, values: dict) -> dict:
    """Greedy outputs for held-out sources against their targets (sacrebleu's BLEU and chrF), beside the
    baseline that copies the source."""
    pairs = request.held_out.pairs[: request.count or len(request.held_out.pairs)]
    sources, targets = [source for source, _ in pairs], [target for _, target in pairs]
    outputs = request.model.generate_from(sources, "greedy")
    scores, copied = translation_scores(outputs, targets), translation_scores(sources, targets)
    values.update({"BLEU": scores["BLEU"], "chrF": scores["chrF"], "copy-source BLEU": copied["BLEU"],
                   "copy-source chrF": copied["chrF"]})
    return {"fake": {"source": "outputs (greedy)", "count": len(outputs), "temperature": 0},
            "real": {"count": len(targets)},
            "tokenization": {"bleu": scores["bleu_signature"], "chrf": scores["chrf_signature"], "smoothing": "sacrebleu's"},
            "outputs": [{"source": source, "output": output, "target": target}
                        for source, output, target in list(zip(sources, outputs, targets))[:SHOWN]]}


# The layout a text model reads -> how its samples are scored.
SCORINGS = Registry("text layout with an evaluation")
SAMPLED_LAYOUTS = ("stream", "sequences")
for layout in SAMPLED_LAYOUTS:
    SCORINGS.register(layout)(score_samples)
SCORINGS.register("pairs")(score_outputs)
