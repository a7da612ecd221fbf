"""`genforge eval` of a text run: the held-out likelihood and the sample metrics (metrics/text_metrics.py).

Samples are drawn with the run's tokeniser and the request's seed and temperature: whole examples where
the data's examples end with <eos> (a fortune, a poem), else the first line of each continuation of a
line break (a running text's references are its lines). BLEU-n compares them with a seeded subset of the
held-out examples, Self-BLEU-n with one another, novelty with the training examples."""

from __future__ import annotations

import math
import random
import time

from ..api import load
from ..data import held_out_split, load_split
from ..errors import EvalError
from ..metrics.evaluate import EvalResult
from ..metrics.text_likelihood import text_likelihood_report
from ..metrics.text_metrics import (ORDERS, SMOOTHING, bleu_scores, distinct, nearest_examples, novelty,
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


def quality_diversity_curve(model, references: list[str], count: int, seed: int) -> list[dict]:
    """BLEU-4 (quality) against Self-BLEU-4 (lack of diversity) of samples at each temperature of
    CURVE_TEMPERATURES: the curve on which Caccia et al. (2020) compare language GANs with MLE models."""
    rows = []
    for temperature in CURVE_TEMPERATURES:
        texts = draw_texts(model, count, seed, temperature)
        rows.append({"temperature": temperature, "BLEU-4": bleu_scores(texts, references, (4,))[4],
                     "Self-BLEU-4": self_bleu_scores(texts, (4,))[4], "distinct-2": distinct(texts, 2)})
    return rows


def evaluate_text_run(folder, config, count: int | None, real_count: int | None, seed: int,
                      reference: str | None, temperature: float, curve: bool = False) -> EvalResult:
    started = time.perf_counter()
    count = count or DEFAULT_SAMPLES
    real_count = real_count or DEFAULT_REFERENCES
    if count < 2:
        raise EvalError("--n must be at least 2 for text: Self-BLEU compares each sample with the others")
    if not temperature > 0:
        raise EvalError(f"--temperature must be positive, got {temperature}")
    model = load(folder.root)
    split = reference or held_out_split(config.data)
    held_out = load_split(config.data, split)
    if held_out.tokenizer.sha256 != model.config.tokenizer_sha256:
        raise EvalError(f"the {split} text's tokeniser is not the run's: the corpus changed since it was trained")
    likelihood = text_likelihood_report(model, held_out)
    references = held_out.examples
    if len(references) > real_count:
        references = random.Random(seed).sample(references, real_count)
    texts = draw_texts(model, count, seed, temperature)
    training = load_split(config.data, "train").examples
    values = {"NLL (nats/token)": likelihood["nll_nats_per_token"], "perplexity": likelihood["perplexity"],
              "bits/char": likelihood["bits_per_character"]}
    values.update({f"BLEU-{n}": score for n, score in bleu_scores(texts, references).items()})
    values.update({f"Self-BLEU-{n}": score for n, score in self_bleu_scores(texts).items()})
    values.update({"distinct-1": distinct(texts, 1), "distinct-2": distinct(texts, 2), "novelty": novelty(texts, training)})
    notes = [] if all(map(math.isfinite, values.values())) else ["some figures are not finite"]
    record = {
        "modality": "text", "metrics": values, "seed": seed, "seconds": time.perf_counter() - started,
        "fake": {"source": str(folder.root), "count": count, "temperature": temperature, "max_tokens": MAX_TOKENS},
        "real": {"source": f"{config.data.name}:{split}", "count": len(references)},
        "likelihood": {**likelihood, "split": split},
        "tokenization": {"likelihood": f"the run's tokeniser ({likelihood['tokenizer']}); bits/char counts each "
                                       "<eos> as a character",
                         "bleu": "whitespace tokens (Texygen)", "smoothing": SMOOTHING, "orders": list(ORDERS)},
        "nearest": nearest_examples(texts[:SHOWN], training),  # the report shows each beside its sample
    }
    if curve:
        record["curve"] = quality_diversity_curve(model, references, count, seed)
    return EvalResult(values, notes, record)
