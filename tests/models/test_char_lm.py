"""The character language model: causal, weight-tied, trained in nats per character, seeded sampling."""

import pytest
import torch

from genforge.core import Batch
from genforge.errors import ConfigError, GenforgeError
from genforge.models import build_model
from genforge.models.char_lm import CharLMConfig
from genforge.training.step_engine import StepEngine

VOCABULARY = "\n !ABCabc"


def tiny(**options):
    torch.manual_seed(0)
    return build_model(CharLMConfig(vocabulary=VOCABULARY, context=8, layers=2, heads=2, width=16, **options))


def test_a_prediction_depends_only_on_earlier_characters():
    model = tiny().eval()
    ids = torch.randint(0, len(VOCABULARY), (1, 8))
    changed = ids.clone()
    changed[0, 5:] = (changed[0, 5:] + 1) % len(VOCABULARY)
    assert torch.allclose(model.transformer(ids)[0, :5], model.transformer(changed)[0, :5], atol=1e-6)
    assert not torch.allclose(model.transformer(ids)[0, 5:], model.transformer(changed)[0, 5:])


def test_the_output_layer_is_the_token_embedding():
    model = tiny()
    names = [name for name, _ in model.named_parameters()]
    assert not any("head" in name for name in names)  # weight tying: no separate output matrix
    assert sum(p.numel() for p in model.parameters()) == sum(p.numel() for _, p in model.named_parameters())


def test_an_untrained_model_starts_near_uniform_and_a_step_lowers_the_loss():
    model = tiny()
    batch = Batch(x=(torch.arange(9) % 3).repeat(4, 1))  # a pattern: each next character is certain
    optimizers = model.build_optimizers()
    first = model.train_step(batch, optimizers, StepEngine())
    assert abs(first["loss"] - torch.log(torch.tensor(len(VOCABULARY))).item()) < 0.2
    assert "grad_norm" in first
    for _ in range(20):
        last = model.train_step(batch, optimizers, StepEngine())
    assert last["loss"] < first["loss"] - 0.5


def test_sampling_is_seeded_leaves_the_rng_alone_and_continues_the_prompt():
    model = tiny()
    state = torch.get_rng_state()
    first = model.sample(3, seed=4, length=20, prompt="Ab")
    assert first.modality == "text" and len(first) == 3 and all(text.startswith("Ab") for text in first)
    assert all(len(text) == 22 for text in first) and first.values.shape == (3, 22)
    assert list(first) == list(model.sample(3, seed=4, length=20, prompt="Ab"))
    assert list(first) != list(model.sample(3, seed=5, length=20, prompt="Ab"))
    assert torch.equal(state, torch.get_rng_state())
    assert first.conditioning["prompt"] == "Ab" and first.conditioning["temperature"] == 0.8
    assert set(model.sample(1, seed=0, length=30, top_k=1)[0]) <= set(VOCABULARY)


def test_bad_sampling_options_are_one_line():
    model = tiny()
    with pytest.raises(GenforgeError, match=r"outside the model's vocabulary: 'xz'"):
        model.sample(1, prompt="axzx")
    with pytest.raises(GenforgeError, match="temperature"):
        model.sample(1, temperature=0)
    with pytest.raises(GenforgeError, match="top-k"):
        model.sample(1, top_k=100)


def test_the_config_is_fitted_to_the_data_spec():
    from genforge.data.text import TokenSpec

    spec = TokenSpec(vocabulary=VOCABULARY, sequence_length=8)
    fitted = CharLMConfig().fitted_to(spec)
    assert fitted.vocabulary == VOCABULARY and fitted.context == 8
    with pytest.raises(ConfigError, match="context is 4"):
        CharLMConfig(context=4).fitted_to(spec)
    with pytest.raises(ConfigError, match="multiple of model.heads"):
        CharLMConfig(width=10, heads=4).fitted_to(spec)
