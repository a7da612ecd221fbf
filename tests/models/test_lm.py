"""The language model: causal, weight-tied, trained in nats per token, seeded sampling through an exact
key-value cache, with temperature, top-k and top-p."""

import math

import pytest
import torch

from genforge.core import Batch
from genforge.data.text.streams import TokenSpec, TokenStream
from genforge.data.text.tokenizers import EOS, CharacterTokenizer
from genforge.core.errors import ConfigError, GenforgeError
from genforge.models import build_model
from genforge.models.lm import CharLMConfig, LMConfig
from genforge.training.step_engine import StepEngine

TOKENIZER = CharacterTokenizer("\n !ABCabc")
V = TOKENIZER.vocab_size


def tiny(example_ends=False, context=8, architecture="transformer", **options):
    torch.manual_seed(0)
    config = LMConfig(architecture=architecture, layers=2, heads=2, width=16, **options).fitted_to(
        TokenSpec(tokenizer=TOKENIZER, sequence_length=context, example_ends=example_ends))
    model = build_model(config)
    model.load_assets({"tokenizer": TOKENIZER.to_json()})
    return model


@pytest.mark.parametrize("architecture", ["transformer", "lstm"])
def test_a_prediction_depends_only_on_earlier_tokens(architecture):
    model = tiny(architecture=architecture).eval()
    ids = torch.randint(0, V, (1, 8))
    changed = ids.clone()
    changed[0, 5:] = (changed[0, 5:] + 1) % V
    assert torch.allclose(model.network(ids)[0, :5], model.network(changed)[0, :5], atol=1e-6)
    assert not torch.allclose(model.network(ids)[0, 5:], model.network(changed)[0, 5:])


@pytest.mark.parametrize("architecture", ["transformer", "lstm"])
def test_the_output_layer_is_the_token_embedding(architecture):
    model = tiny(architecture=architecture)
    names = [name for name, _ in model.named_parameters()]
    assert not any("head" in name for name in names)  # weight tying: no separate output matrix
    assert sum(p.numel() for p in model.parameters()) == sum(p.numel() for _, p in model.named_parameters())


def test_an_untrained_model_starts_near_uniform_and_a_step_lowers_the_loss():
    model = tiny()
    batch = Batch(x=(torch.arange(9) % 3 + 4).repeat(4, 1))  # a pattern: each next character is certain
    optimizers = model.build_optimizers()
    first = model.train_step(batch, optimizers, StepEngine())
    assert abs(first["loss"] - math.log(V)) < 0.2
    assert "grad_norm" in first
    for _ in range(20):
        last = model.train_step(batch, optimizers, StepEngine())
    assert last["loss"] < first["loss"] - 0.5


def test_a_model_of_uniform_probabilities_has_an_nll_of_log_v():
    from genforge.data.text.sequences import TokenSequences
    from genforge.metrics.text.likelihood import example_likelihood_report, text_likelihood_report

    model = tiny()
    torch.nn.init.zeros_(model.network.token_embedding.weight)  # tied output: every logit 0
    ids = torch.tensor(TOKENIZER.encode("Abc abc\nABC cab!\n" * 4))
    report = text_likelihood_report(model, TokenStream("t", ids, TOKENIZER, 8))
    assert report["nll_nats_per_token"] == pytest.approx(math.log(V), abs=1e-6)
    assert report["perplexity"] == pytest.approx(V, rel=1e-5)
    assert report["characters"] == report["tokens"] and report["bits_per_character"] == pytest.approx(math.log2(V))
    # Each example on its own (beside a sentence VAE's bound): its tokens and its end, each at log V.
    sentences = TokenSequences("s", ["Abc", "cab!", "ABC abc"], TOKENIZER, 7)
    each = example_likelihood_report(model, sentences)
    assert each["tokens"] == 3 + 4 + 7 + 3 and each["characters"] == each["tokens"]
    assert each["nll_nats_per_sentence"] == pytest.approx(each["tokens"] * math.log(V) / 3, abs=1e-5)
    with pytest.raises(GenforgeError, match="need a context of 9"):
        example_likelihood_report(model, TokenSequences("s", ["Abc"], TOKENIZER, 8))


def test_sampling_is_seeded_leaves_the_rng_alone_and_continues_the_prompt():
    model = tiny()
    state = torch.get_rng_state()
    first = model.sample(3, seed=4, length=20, prompt="Ab")
    assert first.modality == "text" and len(first) == 3 and all(text.startswith("Ab") for text in first)
    assert first.values.shape == (3, 20)
    assert list(first) == list(model.sample(3, seed=4, length=20, prompt="Ab"))
    assert list(first) != list(model.sample(3, seed=5, length=20, prompt="Ab"))
    assert torch.equal(state, torch.get_rng_state())
    assert first.conditioning["prompt"] == "Ab" and first.conditioning["temperature"] == 0.8
    assert set(model.sample(1, seed=0, length=30, top_k=1)[0]) <= set(TOKENIZER.characters)


@pytest.mark.parametrize("architecture", ["transformer", "lstm"])
@pytest.mark.parametrize("options", [{}, {"top_k": 3}, {"top_p": 0.7}, {"prompt": "AbcAbcAbcAbc"}])
def test_the_key_value_cache_gives_the_tokens_of_recomputation(options, architecture):
    model = tiny(context=8, architecture=architecture)
    cached = model.sample(4, seed=1, length=40, temperature=1.0, **options)  # 40 > context: windows refill
    recomputed = model.sample(4, seed=1, length=40, temperature=1.0, cache=False, **options)
    assert torch.equal(cached.values, recomputed.values)


def test_examples_start_after_an_end_and_stop_at_the_next():
    model = tiny(example_ends=True)
    with torch.no_grad():
        model.network.token_embedding.weight[EOS] += 3.0  # make <eos> likely, so samples end early
    samples = model.sample(8, seed=0, length=50, temperature=1.0)
    lengths = [len(text) for text in samples]
    assert min(lengths) < 50 and all("\x00" not in text for text in samples)
    assert samples.values.shape[1] <= 50


def test_top_p_keeps_the_smallest_set_reaching_p():
    from genforge.models.text_sampling import draw_next

    logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))
    drawn = {int(draw_next(logits, torch.Generator().manual_seed(seed), top_p=0.75)) for seed in range(200)}
    assert drawn == {0, 1}  # 0.5 < 0.75 <= 0.5 + 0.3
    drawn = {int(draw_next(logits, torch.Generator().manual_seed(seed), top_p=0.4)) for seed in range(50)}
    assert drawn == {0}


def test_a_prompt_longer_than_the_context_is_cut_from_the_left_and_said():
    samples = tiny(context=8).sample(1, seed=0, length=5, prompt="Abc" * 5)
    assert samples.conditioning["prompt_cut"] == 15 - 8 and samples[0].startswith("Abc" * 5)
    assert tiny(context=8, architecture="lstm").sample(1, seed=0, length=5, prompt="Abc" * 5).conditioning["prompt_cut"] == 0


def test_bad_sampling_options_are_one_line():
    model = tiny()
    with pytest.raises(GenforgeError, match=r"outside the model's vocabulary: 'xz'"):
        model.sample(1, prompt="axzx")
    for options, message in (({"temperature": 0}, "temperature"), ({"temperature": -1}, "temperature"),
                             ({"top_k": 100}, "top-k"), ({"top_p": 0}, r"top-p must be in \(0, 1\]"),
                             ({"top_p": 1.5}, "top-p"), ({"length": 0}, "length")):
        with pytest.raises(GenforgeError, match=message):
            model.sample(1, **options)


def test_the_config_is_fitted_to_the_data_spec():
    spec = TokenSpec(tokenizer=TOKENIZER, sequence_length=8)
    fitted = CharLMConfig().fitted_to(spec)
    assert (fitted.vocab_size, fitted.context, fitted.tokenizer_sha256) == (V, 8, TOKENIZER.sha256)
    with pytest.raises(ConfigError, match="context is 4"):
        CharLMConfig(context=4).fitted_to(spec)
    with pytest.raises(ConfigError, match="multiple of model.heads"):
        CharLMConfig(width=10, heads=4).fitted_to(spec)
    with pytest.raises(ConfigError, match="not the run's"):
        CharLMConfig(tokenizer_sha256="0" * 64).fitted_to(spec)


def test_a_tokeniser_that_is_not_the_configs_is_refused():
    model = tiny()
    with pytest.raises(GenforgeError, match="altered"):
        model.load_assets({"tokenizer": CharacterTokenizer("xyz").to_json()})
