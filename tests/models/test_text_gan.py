"""The text GAN (RelGAN with an LSTM generator): MLE first, then relativistic adversarial steps through
the Gumbel-softmax relaxation, with the inverse temperature raised as RelGAN does."""

import pytest
import torch

from genforge.core import Batch
from genforge.data.text.sequences import TokenSequences
from genforge.data.text.streams import TokenSpec
from genforge.data.text.tokenizers import WordTokenizer
from genforge.models import build_model
from genforge.models.text_gan import TextGANConfig
from genforge.training.step_engine import StepEngine

SENTENCES = [f"the {c} cat sat on the {t}" for c in ("red", "blue", "green") for t in ("mat", "hat", "box")]
TOKENIZER = WordTokenizer.train(SENTENCES, vocab_size=100, min_frequency=1)


def tiny(**options):
    torch.manual_seed(0)
    config = TextGANConfig(embedding=8, hidden=16, representations=2, representation_width=8, filters=4,
                           **options).fitted_to(TokenSpec(tokenizer=TOKENIZER, sequence_length=8, example_ends=True))
    model = build_model(config)
    model.load_assets({"tokenizer": TOKENIZER.to_json()})
    return model


def batch_of(sentences) -> Batch:
    return TokenSequences("t", list(sentences), TOKENIZER, 8).take(torch.arange(len(sentences)))


def test_pretraining_is_maximum_likelihood_then_the_steps_are_adversarial():
    model = tiny(pretrain_steps=20, temperature_steps=10, max_inverse_temperature=100.0)
    optimizers = model.build_optimizers()
    batch = batch_of(SENTENCES * 2)
    logged = [model.train_step(batch, optimizers, StepEngine()) for _ in range(20)]
    assert all("mle_loss" in entry for entry in logged) and logged[-1]["mle_loss"] < logged[0]["mle_loss"] - 0.5
    generator_before = [p.clone() for p in model.generator.parameters()]
    adversarial = [model.train_step(batch, optimizers, StepEngine()) for _ in range(3)]
    assert all({"d_loss", "g_loss", "inverse_temperature"} <= set(entry) for entry in adversarial)
    assert [entry["inverse_temperature"] for entry in adversarial] == pytest.approx([1.0, 100 ** 0.1, 100 ** 0.2])
    assert any(not torch.equal(a, b) for a, b in zip(generator_before, model.generator.parameters()))


def test_the_relaxed_tokens_are_distributions_that_sharpen_with_beta():
    model = tiny()
    torch.manual_seed(1)
    soft = model.generator.relaxed(5, 9, 1.0, torch.device("cpu"))
    assert soft.shape == (5, 9, TOKENIZER.vocab_size) and torch.allclose(soft.sum(-1), torch.ones(5, 9))
    torch.manual_seed(1)
    sharp = model.generator.relaxed(5, 9, 1000.0, torch.device("cpu"))
    assert sharp.max(-1).values.min() > 0.99 > soft.max(-1).values.mean()
    logits = model.discriminator(sharp)
    assert logits.shape == (5 * 2,)  # one per sentence and representation


def test_samples_are_seeded_and_the_likelihood_leaves_out_the_padding():
    model = tiny()
    first = model.sample(3, seed=2, temperature=1.0)
    assert list(first) == list(model.sample(3, seed=2, temperature=1.0)) and len(first) == 3
    batch = batch_of(SENTENCES[:2])
    with torch.no_grad():
        assert float(model.nats_per_token(batch)) != float(model.mle_loss(batch))  # <pad> counted only in training
