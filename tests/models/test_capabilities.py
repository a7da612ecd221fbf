"""Every registered model declares its capabilities, and what it declares it can actually do."""

import pytest
import torch

from genforge.config import build_run_config
from genforge.core import Capabilities
from genforge.data import DATASETS, held_out_split
from genforge.config import DataConfig
from genforge.models import MODELS, build_model


def small_model(name: str):
    config = build_run_config({"model": {"name": name, "image_size": 28, "channels": 1}}).model
    return build_model(config)


@pytest.mark.parametrize("name", MODELS.names())
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
        {"celeba": "image", "fashion-mnist": "image", "folder": "image"}
    assert held_out_split(DataConfig(name="folder")) == "train"  # an image folder has no other split
    assert held_out_split(DataConfig(name="celeba")) == "test"
    assert DATASETS.get("fashion-mnist").feature_network == "fmnist" and DATASETS.get("celeba").feature_network is None
