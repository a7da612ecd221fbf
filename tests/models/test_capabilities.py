"""Every registered model declares its capabilities, and what it declares it can actually do."""

import pytest
import torch

from genforge.training.run_config import build_run_config
from genforge.core import Capabilities
from genforge.data import DATASETS, held_out_split
from genforge.data import data_config
from genforge.models import MODELS, build_model


def small_model(name: str):
    config = build_run_config({"model": {"name": name, "image_size": 28, "channels": 1}}).model
    return build_model(config)


# the image models that sample from noise (an image-to-image model's capabilities: tests/models/test_pix2pix.py)
IMAGE_MODELS = [name for name in MODELS.names()
                if MODELS.modality_of(name) == "image" and not MODELS.get(name).config_class.TAKES_TASK
                and not MODELS.get(name).config_class.TAKES_DOMAINS]


@pytest.mark.parametrize("name", IMAGE_MODELS)
def test_declared_capabilities_match_the_model(name):
    model = small_model(name)
    declared = model.capabilities
    assert isinstance(declared, Capabilities) and declared.sample
    images = torch.randint(0, 256, (2, 1, 28, 28), dtype=torch.uint8)
    if declared.encode:
        assert model.encode_mean(images).shape[0] == 2
    if declared.likelihood:
        assert model.log_likelihood(images, samples=2).shape == (2,)
    assert declared.latent in ("gaussian", "codes")


def test_a_conditional_gan_declares_sampling_by_class():
    config = build_run_config({"model": {"name": "dcgan", "image_size": 28, "channels": 1, "conditional": True,
                                         "num_classes": 3}}).model
    assert build_model(config).capabilities.sample_by_class
    assert not small_model("dcgan").capabilities.sample_by_class


def test_sources_declare_modality_held_out_split_and_feature_network():
    assert {name: DATASETS.get(name).modality for name in DATASETS.names()} == \
        {"celeba": "image", "fashion-mnist": "image", "folder": "image", "tinyshakespeare": "text", "fortunes": "text",
         "tang-poems": "text", "text": "text", "pairs": "text", "couplets": "text", "dialogue": "text",
         "jsb-chorales": "music", "bach-chorales": "music", "essen-folk": "music", "midi": "music"}
    assert held_out_split(data_config(name="folder")) == "train"  # an image folder has no other split
    assert held_out_split(data_config(name="celeba")) == "test"
    assert DATASETS.get("fashion-mnist").feature_network == "fmnist" and DATASETS.get("celeba").feature_network is None
    assert DATASETS.get("fortunes").validation_split() == "valid" and held_out_split(data_config(name="fortunes")) == "test"


def test_the_character_model_declares_prompts_and_a_likelihood_but_no_latents():
    from genforge.core import Batch
    from genforge.models.lm import CharLMConfig

    model = build_model(CharLMConfig(vocab_size=7, context=8, layers=1, heads=1, width=8))
    declared = model.capabilities
    assert declared.continue_prompt and declared.likelihood and declared.latent is None
    assert not (declared.encode or declared.reconstruct or declared.interpolate or declared.sample_by_class)
    assert model.nats_per_token(Batch(x=torch.zeros(2, 9, dtype=torch.long))).dim() == 0


def test_a_language_models_log_likelihood_is_its_token_nll_summed_per_row():
    from genforge.core import Batch

    model = build_model(build_run_config({"model": {"name": "lm", "layers": 1, "heads": 2, "width": 16,
                                                    "vocab_size": 11, "context": 8}}, cross_checks=False).model)
    ids = torch.randint(0, 11, (3, 9), generator=torch.Generator().manual_seed(0))
    rows = model.log_likelihood(Batch(x=ids))
    assert rows.shape == (3,)
    assert torch.allclose(-rows.sum() / (3 * 8), model.nats_per_token(Batch(x=ids)), atol=1e-5)
