"""The sentence VAE: its ELBO, the importance-sampled bound, the KL schedules and the collapse
remedies, seeded sampling from the prior, reconstructions and homotopies."""

import math

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from genforge.core import Batch
from genforge.data.text.sequences import TokenSequences
from genforge.data.text.streams import TokenSpec
from genforge.data.text.tokenizers import WordTokenizer
from genforge.core.errors import GenforgeError
from genforge.models import build_model
from genforge.models.sentence_vae import SentenceVAEConfig
from genforge.models.sentence_vae.networks import SentenceEncoder
from genforge.objectives.elbo import kl_weight
from genforge.training.step_engine import StepEngine

SENTENCES = [f"the {c} cat sat on the {t}" for c in ("red", "blue", "green") for t in ("mat", "hat", "box")]
TOKENIZER = WordTokenizer.train(SENTENCES, vocab_size=100, min_frequency=1)


def tiny(**options) -> "torch.nn.Module":
    torch.manual_seed(0)
    config = SentenceVAEConfig(embedding=16, hidden=16, latent_dim=4, **options).fitted_to(
        TokenSpec(tokenizer=TOKENIZER, sequence_length=10, example_ends=True))
    model = build_model(config)
    model.load_assets({"tokenizer": TOKENIZER.to_json()})
    return model


def batch_of(sentences) -> Batch:
    return TokenSequences("t", list(sentences), TOKENIZER, 10).take(torch.arange(len(sentences)))


def test_the_logistic_schedule_rises_from_001_to_099_over_its_period():
    assert kl_weight(0, "logistic", 2000) == pytest.approx(0.01) and kl_weight(1000, "logistic", 2000) == 0.5
    assert kl_weight(2000, "logistic", 2000) == pytest.approx(0.99)


def test_the_bound_is_above_the_elbo_and_tightens_with_k():
    model = tiny(pretrain_autoencoder_steps=1000)
    batch = batch_of(SENTENCES)
    optimizers = model.build_optimizers()
    for _ in range(40):  # as an autoencoder: an informative posterior, so the bounds differ by more than their noise
        model.train_step(batch, optimizers, StepEngine())
    model.eval()
    torch.manual_seed(1)
    terms = model.terms(batch)
    elbo = -(terms["reconstruction"] + terms["kl_per_dimension"].sum(1)).mean()
    torch.manual_seed(1)
    bounds = {k: model.log_likelihood(batch, samples=k).mean().item() for k in (1, 10, 200)}
    assert bounds[1] == pytest.approx(elbo.item(), abs=0.5)  # k = 1 is an ELBO estimate
    assert bounds[1] < bounds[10] < bounds[200]
    assert bounds[200] < 0


def test_a_step_lowers_the_loss_and_logs_its_terms():
    model = tiny(kl_schedule="none")
    optimizers = model.build_optimizers()
    batch = batch_of(SENTENCES * 2)
    first = model.train_step(batch, optimizers, StepEngine())
    assert set(first) >= {"loss", "reconstruction", "kl", "kl_weight", "grad_norm"} and first["kl_weight"] == 1.0
    for _ in range(30):
        last = model.train_step(batch, optimizers, StepEngine())
    assert last["loss"] < first["loss"] - 1 and int(model.steps_done) == 31


def test_the_autoencoder_phase_ends_with_a_fresh_decoder_and_the_same_encoder():
    model = tiny(pretrain_autoencoder_steps=3)
    optimizers = model.build_optimizers()
    batch = batch_of(SENTENCES)
    logged = [model.train_step(batch, optimizers, StepEngine()) for _ in range(3)]
    assert all(entry["kl_weight"] == 0.0 for entry in logged)
    encoder = {k: v.clone() for k, v in model.encoder.state_dict().items()}
    decoder = {k: v.clone() for k, v in model.decoder.state_dict().items()}
    model.reset_decoder(optimizers["vae"])
    assert all(torch.equal(encoder[k], v) for k, v in model.encoder.state_dict().items())
    assert not any(torch.equal(decoder[k], v) for k, v in model.decoder.state_dict().items() if v.dtype.is_floating_point)
    assert not any(p in optimizers["vae"].state for p in model.decoder.parameters())


def test_aggressive_steps_update_the_encoder_more_than_the_decoder():
    model = tiny(aggressive_steps=1, aggressive_inner_steps=5, kl_schedule="none")
    optimizers = model.build_optimizers()
    model.train_step(batch_of(SENTENCES), optimizers, StepEngine())
    state = optimizers["vae"].state
    encoder_steps = {int(state[p]["step"]) for p in model.encoder.parameters() if p in state}
    decoder_steps = {int(state[p]["step"]) for p in model.decoder.parameters() if p in state}
    assert decoder_steps == {1} and min(encoder_steps) > 1


def test_sampling_is_seeded_and_homotopies_run_between_the_reconstructions():
    model = tiny()
    first = model.sample(4, seed=3, temperature=1.0)
    assert len(first) == 4 and all(isinstance(text, str) for text in first)
    assert list(first) == list(model.sample(4, seed=3, temperature=1.0))
    path = model.homotopy(SENTENCES[0], SENTENCES[-1], steps=5)
    assert len(path) == 5 and path[0] == model.reconstruct_texts([SENTENCES[0]])[0]
    assert path[-1] == model.reconstruct_texts([SENTENCES[-1]])[0]
    with pytest.raises(GenforgeError, match="does not continue a prompt"):
        model.sample(1, prompt="the")
    with pytest.raises(GenforgeError, match="top-p"):
        model.sample(1, top_p=2.0)


def test_measuring_during_training_leaves_the_global_rng_alone():
    model = tiny()
    state = torch.get_rng_state()
    with torch.no_grad():
        value = model.nats_per_token(batch_of(SENTENCES))
    assert torch.equal(state, torch.get_rng_state()) and math.isfinite(float(value))


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_the_one_layer_encoder_reads_padded_rows_as_the_packed_run_would(cell):
    torch.manual_seed(0)
    encoder = SentenceEncoder(vocab_size=12, cell=cell, embedding=6, hidden=5, layers=1, latent_dim=3)
    lengths = torch.tensor([7, 3, 5])
    ids = torch.randint(4, 12, (3, 7)) * (torch.arange(7) < lengths.unsqueeze(1))  # <pad> (0) after each row
    mean, log_variance = encoder(ids, lengths)
    packed = pack_padded_sequence(encoder.embedding(ids), lengths, batch_first=True, enforce_sorted=False)
    state = encoder.rnn(packed)[1]
    final = (state[0] if cell == "lstm" else state)[0]
    assert torch.allclose(mean, encoder.to_mean(final), atol=1e-6)
    assert torch.allclose(log_variance, encoder.to_log_variance(final), atol=1e-6)
