import hashlib

import pytest
import torch
from safetensors.torch import load_file

from genforge.core.errors import EvalError
from genforge.metrics.image import fmnist_extractor
from genforge.metrics.image.fmnist_network import FEATURE_DIM, FashionMNISTClassifier


def test_shipped_weights_are_small_and_match_the_recorded_hash():
    raw = fmnist_extractor.WEIGHTS_PATH.read_bytes()
    assert len(raw) < 5 * 1024 * 1024
    assert hashlib.sha256(raw).hexdigest() == fmnist_extractor.WEIGHTS_SHA256


def test_changed_weights_are_refused(tmp_path, monkeypatch):
    tampered = tmp_path / "w.safetensors"
    raw = bytearray(fmnist_extractor.WEIGHTS_PATH.read_bytes())
    raw[-1] ^= 1
    tampered.write_bytes(bytes(raw))
    monkeypatch.setattr(fmnist_extractor, "WEIGHTS_PATH", tampered)
    fmnist_extractor.load_fmnist_classifier.cache_clear()
    try:
        with pytest.raises(EvalError, match="SHA-256"):
            fmnist_extractor.load_fmnist_classifier()
    finally:
        fmnist_extractor.load_fmnist_classifier.cache_clear()


def test_gray_replicated_to_rgb_and_resized_inputs_are_accepted():
    extractor = fmnist_extractor.FashionMNISTFeatureExtractor("genforge-fmnist-cnn", ["penultimate", "logits"])
    gray = torch.randint(0, 256, (4, 1, 28, 28), dtype=torch.uint8)
    features = dict(zip(extractor.features_list, extractor(gray)))
    assert features["penultimate"].shape == (4, FEATURE_DIM) and features["logits"].shape == (4, 10)
    rgb = dict(zip(extractor.features_list, extractor(gray.expand(-1, 3, -1, -1))))
    assert torch.equal(rgb["penultimate"], features["penultimate"])
    large = torch.randint(0, 256, (2, 3, 64, 64), dtype=torch.uint8)
    assert extractor(large)[0].shape[0] == 2


def test_classifier_reaches_93_percent_on_the_test_split(real_fashion_mnist):
    from genforge.data import data_config
    from genforge.data import load_dataset

    test = load_dataset(data_config(dir=str(real_fashion_mnist), split="test"))
    network = fmnist_extractor.load_fmnist_classifier()
    with torch.no_grad():
        predictions = torch.cat([network(chunk)[1].argmax(1) for chunk in test.images.split(1000)])
    assert (predictions == test.labels).float().mean().item() >= 0.93


def test_weights_are_plain_tensors():
    tensors = load_file(str(fmnist_extractor.WEIGHTS_PATH))
    FashionMNISTClassifier().load_state_dict(tensors)  # strict: exactly this network
