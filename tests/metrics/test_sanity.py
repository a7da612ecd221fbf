"""The sanity figures of the README, as checks on real Fashion-MNIST with the shipped network."""

import math

import pytest
import torch

from genforge.data import data_config
from genforge.data import load_dataset
from genforge.metrics.image.engine import compute_metrics
from genforge.metrics.image.evaluate import FeatureComputer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sets(real_fashion_mnist):
    train = load_dataset(data_config(dir=str(real_fashion_mnist), split="train")).images
    test = load_dataset(data_config(dir=str(real_fashion_mnist), split="test")).images
    generator = torch.Generator().manual_seed(0)
    return {
        "train": train[torch.randperm(len(train), generator=generator)[:10_000]],
        "test": test,
        "noise": torch.randint(0, 256, test.shape, dtype=torch.uint8, generator=generator),
        "one image": test[:1].expand(10_000, -1, -1, -1).contiguous(),
    }


@pytest.fixture(scope="module")
def features(sets):
    computer = FeatureComputer("fmnist", {})
    return computer, {name: computer.features(images) for name, images in sets.items()}


def fid(features, a, b):
    computer, feats = features
    return compute_metrics(["fid"], computer.extractor, feats[a], feats[b])[0]["FID[fmnist-cnn]"]


def test_fid_between_real_splits_is_small_and_degenerate_sets_are_far(features):
    real = fid(features, "train", "test")
    assert real < 1.0
    assert fid(features, "noise", "test") > 100 * real
    assert fid(features, "one image", "test") > 100 * real


def inception_score_of_a_calibrated_classifier(accuracy: float, classes: int = 10) -> float:
    """IS of balanced real data through a calibrated classifier of this accuracy whose errors spread
    evenly over the other classes: exp(H(y) - H(y|x)) with H(y) = log(classes)."""
    conditional_entropy = -accuracy * math.log(accuracy) - (1 - accuracy) * math.log((1 - accuracy) / (classes - 1))
    return classes * math.exp(-conditional_entropy)


def test_inception_score_of_real_images_is_what_the_accuracy_allows(features, real_fashion_mnist):
    computer, feats = features
    score = compute_metrics(["is"], computer.extractor, feats["test"], None)[0]["IS[fmnist-cnn]"]
    labels = load_dataset(data_config(dir=str(real_fashion_mnist), split="test")).labels
    accuracy = (feats["test"]["logits"].argmax(1) == labels).float().mean().item()
    expected = inception_score_of_a_calibrated_classifier(accuracy)  # 6.9 at 93.7% accuracy
    assert abs(score - expected) / expected < 0.1, (score, expected)
    assert score < 10.0  # the ceiling: ten equally likely classes, each predicted with certainty
