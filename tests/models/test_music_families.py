"""The music families: the NADE is a distribution (its probabilities over every frame of 8 keys sum
to 1), the NLL per frame is counted as the benchmark counts it, a melody model that knows nothing
scores log 90 per event, the hierarchical decoder's shapes, and sampling is seeded."""

import itertools
import math

import torch

from genforge.core import Batch
from genforge.models import build_model
from genforge.models.polyphonic.config import PolyphonicConfig
from genforge.models.polyphonic.networks import NADE, frame_nll


def test_the_nade_probabilities_of_every_frame_of_8_keys_sum_to_1():
    torch.manual_seed(0)
    nade = NADE(condition=5, keys=8, hidden=6)
    with torch.no_grad():
        nade.W.normal_()
        nade.V.normal_()
    state = torch.randn(3, 5)
    frames = torch.tensor(list(itertools.product([0.0, 1.0], repeat=8)))  # all 256
    log_p = -frame_nll(nade.logits(state[:, None, :].expand(-1, 256, -1), frames[None].expand(3, -1, -1)),
                       frames[None].expand(3, -1, -1))
    assert torch.allclose(log_p.exp().sum(1), torch.ones(3), atol=1e-5)


def test_the_nll_per_frame_counts_frames_1_to_t_minus_1_of_each_piece():
    model = build_model(PolyphonicConfig(output="bernoulli", hidden=8, steps_per_quarter=1))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()  # every key p = 1/2: each frame costs 88 log 2
    rolls = torch.zeros(2, 5, 88)
    batch = Batch(x=rolls, lengths=torch.tensor([5, 3]))
    with torch.no_grad():
        assert math.isclose(float(model.log_likelihood(batch).sum()), -(4 + 2) * 88 * math.log(2), rel_tol=1e-6)
        assert math.isclose(float(model.validation_loss(batch)), 88 * math.log(2), rel_tol=1e-6)


def test_sampling_is_seeded_and_gives_binary_rolls():
    model = build_model(PolyphonicConfig(hidden=8, nade_hidden=4, steps_per_quarter=1, sample_frames=6))
    a, b = model.sample(2, seed=3), model.sample(2, seed=3)
    assert a.values.shape == (2, 6, 88) and torch.equal(a.values, b.values)
    assert set(a.values.unique().tolist()) <= {0, 1}


def test_a_melody_model_that_knows_nothing_scores_log_90_per_event():
    from genforge.models.lm.config import MelodyLMConfig

    model = build_model(MelodyLMConfig(layers=1, heads=2, width=8, vocab_size=91, context=8))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()  # uniform logits
        batch = Batch(x=torch.randint(0, 90, (3, 8)))
        assert math.isclose(float(model.validation_loss(batch)), math.log(90), rel_tol=1e-6)


def test_the_hierarchical_decoder_conducts_one_embedding_per_bar():
    from genforge.models.music_vae.config import MusicVAEConfig

    model = build_model(MusicVAEConfig(hierarchical=True, latent_dim=4, encoder_width=8, decoder_width=8,
                                       decoder_layers=1, conductor_width=6, steps=64, bars=4))
    events = torch.randint(0, 90, (2, 64))
    with torch.no_grad():
        z = torch.randn(2, 4)
        assert model.conditions(z).shape == (2 * 4, 6)  # a conductor output per bar
        assert model.decoder_logits(z, events, 0.0).shape == (2, 64, 90)
        assert model.decoder_logits(z, events, 0.5).shape == (2, 64, 90)  # scheduled sampling, step by step
        assert model.sample(3, seed=1).values.shape == (3, 64)
        assert model.reconstruct(events, teacher_forced=True).shape == (2, 64)
        # a bar's first step reads the last event of the bar before (a note held across the bar line)
        changed = events.clone()
        changed[:, 15] = (events[:, 15] + 1) % 90
        a, b = model.decoder_logits(z, events, 0.0), model.decoder_logits(z, changed, 0.0)
        assert not torch.allclose(a[:, 16], b[:, 16]) and torch.equal(a[:, :16], b[:, :16])
        assert torch.equal(a[:, 32:], b[:, 32:])  # the bars after it do not see it: each bar starts afresh


def test_the_four_voice_gan_sees_a_roll_per_voice_and_samples_one_note_per_voice():
    from genforge.models.pianoroll_gan.config import PianorollGANConfig

    torch.manual_seed(0)
    model = build_model(PianorollGANConfig(latent_dim=4, width=8, steps_per_quarter=4, tracks=4))
    grids = torch.randint(40, 80, (2, 40, 4))
    grids[1, 20:] = -1  # the second piece is 20 frames long, padded with silence
    real = model.real_rolls(Batch(x=grids, lengths=torch.tensor([40, 20])))
    assert real.shape == (2, 32, 4 * 88)
    per_voice = real.unflatten(2, (4, 88)).sum(3)
    assert per_voice[0].eq(1).all() and per_voice[1].le(1).all()
    assert model.discriminator(real).shape == (2,)
    a, b = model.sample(3, seed=1), model.sample(3, seed=1)
    assert a.values.shape == (3, 32, 4) and torch.equal(a.values, b.values)
    assert a.conditioning["representation"] == "voices" and model.grid().representation == "voices"
    assert bool(((a.values == -1) | ((a.values >= 21) & (a.values <= 108))).all())
