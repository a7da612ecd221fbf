"""The LM and reverse-LM scores (pipelines/lm_scores.py): what each rewards, and the reference checked."""

import pytest

from genforge.training.run_config import build_run_config
from genforge.core.errors import EvalError
from genforge.pipelines import train
from genforge.data import load_split
from genforge.pipelines.text.lm_scores import lm_score, reference_lm, reverse_lm_score

SENTENCES = [f"the {colour} {animal} sat on the {thing}" for colour in ("red", "blue", "green", "grey", "black")
             for animal in ("cat", "dog", "owl", "fox") for thing in ("mat", "hat", "box", "rug", "bed")]


def trained(folder, text_file, model="lm", steps=200, **data):
    values = {"model": {"name": model, "layers": 1, "heads": 2, "width": 32} if model == "lm" else {"name": model},
              "data": {"name": "text", "dir": str(text_file), "sequence_length": 24, **data},
              "train": {"steps": steps, "batch_size": 16, "seed": 0, "checkpoint_every": steps, "log_every": steps}}
    return train(build_run_config(values), folder).run.root


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lm-scores")
    (folder / "s.txt").write_text("\n".join(SENTENCES) + "\n")
    root = trained(folder / "lm", folder / "s.txt")
    return reference_lm(root, build_run_config({"data": {"name": "text", "dir": str(folder / "s.txt")}}).data)


def test_the_lm_score_prefers_text_like_the_training_text(reference):
    real = lm_score(reference, SENTENCES[:30])
    scrambled = lm_score(reference, [" ".join(reversed(sentence.split())) for sentence in SENTENCES[:30]])
    assert real < scrambled - 0.3


def test_the_reverse_lm_score_prefers_samples_that_cover_the_real_text(reference):
    held_out = load_split(reference.config.data, "train")
    diverse = reverse_lm_score(reference, SENTENCES, held_out, steps=80, seed=0)
    # A collapsed model's samples: one sentence, every copy of which is trained on (split "all").
    collapsed = reverse_lm_score(reference, SENTENCES[:1] * len(SENTENCES), held_out, steps=80, seed=0)
    assert diverse < collapsed - 0.3


def test_a_reference_that_is_not_a_language_model_of_the_same_text_is_one_line(reference, tmp_path):
    data = reference.config.data
    (tmp_path / "other.txt").write_text("\n".join(sentence.upper() for sentence in SENTENCES) + "\n")
    other = build_run_config({"data": {"name": "text", "dir": str(tmp_path / "other.txt")}}).data
    with pytest.raises(EvalError, match="the LM scores need a reference LM of the same text"):
        reference_lm(reference.root, other)
    vae = trained(tmp_path / "vae", data.dir, model="sentence-vae", steps=1, tokenizer="words", min_frequency=1,
                  sequence_length=12)
    with pytest.raises(EvalError, match="it must be a language model of a text stream"):
        reference_lm(vae, data)
