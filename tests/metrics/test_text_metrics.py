"""BLEU, Self-BLEU, distinct-n and novelty against values worked out by hand (Texygen's definitions)."""

import math

import pytest

from genforge.metrics.text.sample_metrics import bleu_scores, distinct, novelty, self_bleu_scores


def test_bleu_against_hand_computed_precisions():
    # unigrams 5/6 (sat unmatched), bigrams 3/5 (the cat, on the, the mat); equal lengths: no brevity penalty
    assert bleu_scores(["the cat sat on the mat"], ["the cat is on the mat"], orders=(2,))[2] == pytest.approx(math.sqrt(0.5))
    # with a second reference: unigrams 6/6, bigrams 4/5 (+ sat on), trigrams 1/4 (on the mat)
    scores = bleu_scores(["the cat sat on the mat"], ["the cat is on the mat", "a dog sat on a log"], orders=(2, 3))
    assert scores[2] == pytest.approx(math.sqrt(0.8)) and scores[3] == pytest.approx((0.8 * 0.25) ** (1 / 3))


def test_smoothing_method_1_and_the_brevity_penalty():
    # no matching bigram: method 1 counts it as 0.1 of 1; the 2-token sample against a 4-token reference: BP = e^(1-2)
    score = bleu_scores(["cat the"], ["the cat sat down"], orders=(2,))[2]
    assert score == pytest.approx(math.exp(1 - 4 / 2) * math.sqrt(1.0 * 0.1))


def test_self_bleu_of_identical_samples_is_1_and_of_disjoint_ones_is_0():
    same = ["one two three four five six"] * 4
    assert all(score == pytest.approx(1.0) for score in self_bleu_scores(same).values())
    apart = ["a b c d e f", "g h i j k l", "m n o p q r"]
    assert self_bleu_scores(apart, orders=(2,))[2] == 0.0  # nltk: no unigram in common, no smoothing applies
    # two of three share their first half: each of those two scores sqrt(3/6 * 2/5) against the others
    half = ["a b c x y z", "a b c p q r", "s t u v w k"]
    assert self_bleu_scores(half, orders=(2,))[2] == pytest.approx(2 / 3 * math.sqrt(3 / 6 * 2 / 5))


def test_distinct_n_and_novelty():
    assert distinct(["a b a b", "a c"], 1) == 3 / 6 and distinct(["a b a b", "a c"], 2) == 3 / 4
    assert novelty(["seen before", "new one ", " seen before"], ["seen before", "other"]) == pytest.approx(1 / 3)


def test_the_nearest_training_example_by_character_grams():
    from genforge.metrics.text.sample_metrics import nearest_examples

    found = nearest_examples(["the cat sat on a mat", "zzzz"], ["a dog ran", "the cat sat on the mat", "cats"])
    assert found[0]["nearest"] == "the cat sat on the mat" and 0.5 < found[0]["overlap"] < 1
    assert nearest_examples(["cats"], ["dogs", "cats"])[0]["overlap"] == 1.0  # a copy
    assert found[1]["overlap"] == 0.0


def test_sacrebleu_scores_a_perfect_and_a_copy_output():
    from genforge.metrics.text.translation import tokenization_for, translation_scores

    references = ["the cat sat on the mat", "a dog ran in the park"]
    perfect = translation_scores(references, references)
    assert perfect["BLEU"] == pytest.approx(100.0) and perfect["chrF"] == pytest.approx(100.0)
    assert "tok:13a" in perfect["bleu_signature"] and tokenization_for(["床前明月光"]) == "zh"
    assert translation_scores(["the cat", "a dog"], references)["BLEU"] < 50
