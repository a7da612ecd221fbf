"""genforge's metrics equal torch-fidelity's own calculate_metrics on the same images and extractor."""

import math

import pytest
import torch
import torch_fidelity

from genforge.core.errors import EvalError
from genforge.metrics.image.engine import compute_metrics, parse_metric_names
from genforge.metrics.image.evaluate import FeatureComputer
from helpers import tiny_images


class UInt8Dataset(torch.utils.data.Dataset):
    """What torch-fidelity reads: bare uint8 (3, H, W) tensors."""

    def __init__(self, images):
        self.images = images.expand(-1, 3, -1, -1)

    def __len__(self):
        return self.images.shape[0]

    def __getitem__(self, index):
        return self.images[index]


def image_sets():
    fake = torch.from_numpy(tiny_images(300, seed=5)[0]).unsqueeze(1)
    real = torch.from_numpy(tiny_images(300, seed=6)[0]).unsqueeze(1)
    fake[::3] = fake[::3] // 2  # make the sets differ in distribution
    return fake, real


def test_all_four_metrics_match_torch_fidelity():
    fake, real = image_sets()
    computer = FeatureComputer("fmnist", {})
    ours, notes = compute_metrics(["is", "fid", "kid", "pr"], computer.extractor,
                                  computer.features(fake), computer.features(real), seed=2020)
    theirs = torch_fidelity.calculate_metrics(
        input1=UInt8Dataset(fake), input2=UInt8Dataset(real), cuda=False, isc=True, fid=True, kid=True, prc=True,
        feature_extractor="genforge-fmnist-cnn", kid_subset_size=300, batch_size=250, save_cpu_ram=True,
        cache=False, verbose=False, rng_seed=2020)
    assert "KID subsets of 300 images" in notes[0]
    pairs = {"FID[fmnist-cnn]": "frechet_inception_distance", "KID[fmnist-cnn]": "kernel_inception_distance_mean",
             "IS[fmnist-cnn]": "inception_score_mean", "precision[fmnist-cnn]": "precision",
             "recall[fmnist-cnn]": "recall"}
    for ours_name, their_name in pairs.items():
        assert math.isclose(ours[ours_name], theirs[their_name], rel_tol=1e-6, abs_tol=1e-12), ours_name
    assert ours["FID[fmnist-cnn]"] > 0


def test_metric_names_are_checked():
    assert parse_metric_names("IS, fid") == ["is", "fid"]
    with pytest.raises(EvalError):
        parse_metric_names("")
    with pytest.raises(Exception, match="did you mean 'fid'"):
        parse_metric_names("fdi")


def test_too_few_images_is_a_clear_error():
    fake, real = image_sets()
    computer = FeatureComputer("fmnist", {})
    few = computer.features(fake[:3])
    with pytest.raises(EvalError, match="IS needs at least 10 images"):
        compute_metrics(["is"], computer.extractor, few, None)
    with pytest.raises(EvalError, match="more than 3 images"):
        compute_metrics(["pr"], computer.extractor, few, computer.features(real))
