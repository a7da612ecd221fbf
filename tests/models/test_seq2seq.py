"""The seq2seq Transformer: the target sees only its past and the whole source, a step lowers the
loss, and greedy, sampled and beam decodings behave."""

import pytest
import torch

from genforge.core import Batch
from genforge.data.text.sequences import padded
from genforge.data.text.streams import TokenSpec
from genforge.data.text.tokenizers import CharacterTokenizer
from genforge.core.errors import GenforgeError
from genforge.models import build_model
from genforge.models.seq2seq import Seq2SeqConfig
from genforge.training.step_engine import StepEngine

PAIRS = [("abc", "cba"), ("bca", "acb"), ("cab", "bac"), ("aab", "baa")]
TOKENIZER = CharacterTokenizer.of([text for pair in PAIRS for text in pair])


def tiny(**options):
    torch.manual_seed(0)
    config = Seq2SeqConfig(layers=1, heads=2, width=16, dropout=0.0, **options).fitted_to(
        TokenSpec(tokenizer=TOKENIZER, sequence_length=6, example_ends=True))
    model = build_model(config)
    model.load_assets({"tokenizer": TOKENIZER.to_json()})
    return model


def batch_of(pairs) -> Batch:
    source, _, _ = padded([TOKENIZER.encode(s) for s, _ in pairs], 6)
    target, _, _ = padded([TOKENIZER.encode(t) for _, t in pairs], 6)
    return Batch(source=source, target=target)


def test_a_target_position_sees_its_past_and_the_whole_source():
    model = tiny().eval()
    batch = batch_of(PAIRS[:1])
    logits = model.network(batch.source, batch.target)
    later = batch.target.clone()
    later[0, 3:] = TOKENIZER.ids["a"]
    assert torch.allclose(logits[0, :3], model.network(batch.source, later)[0, :3], atol=1e-5)
    other_source = batch_of([("ccc", "cba")]).source
    assert not torch.allclose(logits[0, :1], model.network(other_source, batch.target)[0, :1])


def test_training_learns_to_reverse_and_every_decoding_answers():
    model = tiny(label_smoothing=0.0, lr=3e-3)
    optimizers = model.build_optimizers()
    batch = batch_of(PAIRS * 4)
    first = model.train_step(batch, optimizers, StepEngine())
    for _ in range(150):
        last = model.train_step(batch, optimizers, StepEngine())
    assert last["loss"] < first["loss"] / 4
    sources = [source for source, _ in PAIRS]
    assert model.generate_from(sources, "greedy") == [target for _, target in PAIRS]
    assert model.generate_from(sources, "beam", beam_size=3) == [target for _, target in PAIRS]
    drawn = model.generate_from(sources, "sample", seed=1, temperature=0.5)
    assert drawn == model.generate_from(sources, "sample", seed=1, temperature=0.5) and len(drawn) == 4


def test_bad_decoding_options_are_one_line():
    model = tiny()
    with pytest.raises(GenforgeError, match="--decoding must be greedy, sample or beam"):
        model.generate_from(["abc"], "viterbi")
    with pytest.raises(GenforgeError, match="temperature"):
        model.generate_from(["abc"], "sample", temperature=0)
    with pytest.raises(GenforgeError, match="answers a source, not a prompt"):
        model.sample(1, prompt="abc")
