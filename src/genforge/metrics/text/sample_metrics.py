"""Sample metrics of generated text, with Texygen's definitions (Zhu et al. 2018), computed by nltk:

- BLEU-n of samples against references (Papineni et al. 2002, as a sentence score): each sample
  against the whole reference set, whitespace tokens, uniform weights over 1..n-grams, nltk's
  smoothing method 1 (Chen and Cherry 2014: a zero n-gram count becomes 0.1), averaged over samples;
- Self-BLEU-n (Texygen): each sample against all the other samples, averaged; 1 when they are all
  the same, lower when they differ (diversity);
- distinct-n (Li et al. 2016): distinct n-grams over all n-grams of the samples;
- novelty: the share of samples that are not, verbatim, an example of the training set;
- the nearest training example of a sample by character n-gram overlap (Jaccard similarity of their
  character 4-gram sets), a memorisation check read beside the sample.

nltk's BLEU needs no downloaded data (its tokenisers do, and are not used: tokens are split on
whitespace, as Texygen does)."""

from __future__ import annotations

from typing import Sequence

ORDERS = (2, 3, 4, 5)
SMOOTHING = "nltk method1 (Chen and Cherry 2014)"


def weights(order: int) -> tuple[float, ...]:
    return (1.0 / order,) * order


def sentence_scores(references: list[list[str]], hypothesis: list[str], orders: Sequence[int]) -> list[float]:
    """nltk's sentence BLEU of one hypothesis for each order (one call: its n-grams are counted once)."""
    from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

    scores = sentence_bleu(references, hypothesis, weights=[weights(n) for n in orders],
                           smoothing_function=SmoothingFunction().method1)
    return scores if isinstance(scores, list) else [scores]


def bleu_scores(samples: Sequence[str], references: Sequence[str], orders: Sequence[int] = ORDERS) -> dict[int, float]:
    """BLEU-n for each n of `orders`: the mean sentence BLEU of each sample against every reference."""
    tokenized = [reference.split() for reference in references]
    totals = dict.fromkeys(orders, 0.0)
    for sample in samples:
        for order, score in zip(orders, sentence_scores(tokenized, sample.split(), orders)):
            totals[order] += score
    return {order: total / len(samples) for order, total in totals.items()}


def self_bleu_scores(samples: Sequence[str], orders: Sequence[int] = ORDERS) -> dict[int, float]:
    """Self-BLEU-n: each sample's BLEU against all the others, averaged."""
    tokenized = [sample.split() for sample in samples]
    totals = dict.fromkeys(orders, 0.0)
    for index, hypothesis in enumerate(tokenized):
        others = tokenized[:index] + tokenized[index + 1:]
        for order, score in zip(orders, sentence_scores(others, hypothesis, orders)):
            totals[order] += score
    return {order: total / len(samples) for order, total in totals.items()}


def distinct(samples: Sequence[str], n: int) -> float:
    grams = [tuple(tokens[i:i + n]) for tokens in (sample.split() for sample in samples)
             for i in range(len(tokens) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


def novelty(samples: Sequence[str], training: Sequence[str]) -> float:
    """The share of samples that are not verbatim in the training set (after trimming whitespace)."""
    seen = {example.strip() for example in training}
    return sum(sample.strip() not in seen for sample in samples) / len(samples)


def character_grams(text: str, n: int = 4) -> set[str]:
    return {text[i:i + n] for i in range(max(len(text) - n + 1, 1))}


def nearest_examples(samples: Sequence[str], training: Sequence[str], n: int = 4) -> list[dict]:
    """Each sample's training example with the largest Jaccard similarity of character n-gram sets."""
    grams = [character_grams(example, n) for example in training]
    found = []
    for sample in samples:
        own = character_grams(sample, n)
        overlaps = [len(own & other) / len(own | other) for other in grams]
        best = max(range(len(training)), key=overlaps.__getitem__)
        found.append({"sample": sample, "nearest": training[best], "overlap": overlaps[best]})
    return found
