"""`fmnist`: the shipped Fashion-MNIST CNN as a torch-fidelity feature extractor.

The weights file's SHA-256 is checked at every load, so a changed or corrupted file is refused
rather than silently giving different numbers.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import torch
import torch_fidelity
from safetensors.torch import load as load_safetensors_bytes
from torch_fidelity.feature_extractor_base import FeatureExtractorBase

from ...core.errors import EvalError
from .extractors import EXTRACTORS, Extractor
from .fmnist_network import FashionMNISTClassifier

WEIGHTS_PATH = Path(__file__).parent / "weights" / "fmnist_cnn.safetensors"
# Written by scripts/train_fmnist_classifier.py (seed 0, 10 epochs); see the README for its accuracy.
WEIGHTS_SHA256 = "1afbbdb06eb957701dcce4826c344bb5cd6405dd63600d0a42cc60143bab7a9c"
FIDELITY_NAME = "genforge-fmnist-cnn"


@lru_cache(maxsize=1)
def load_fmnist_classifier() -> FashionMNISTClassifier:
    try:
        raw = WEIGHTS_PATH.read_bytes()
    except OSError as error:
        raise EvalError(f"the Fashion-MNIST feature network {WEIGHTS_PATH} is unreadable: {error.strerror}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise EvalError(f"{WEIGHTS_PATH} has SHA-256 {digest[:16]}..., expected {WEIGHTS_SHA256[:16]}...: "
                        "the shipped feature network was changed; reinstall genforge")
    model = FashionMNISTClassifier()
    model.load_state_dict(load_safetensors_bytes(raw))
    return model.eval().requires_grad_(False)


class FashionMNISTFeatureExtractor(FeatureExtractorBase):
    """torch-fidelity's extractor contract: uint8 (B, C, H, W) in, a tuple of (B, D) features out."""

    def __init__(self, name, features_list, **kwargs):
        super().__init__(name, features_list)
        self.network = load_fmnist_classifier()

    @staticmethod
    def get_provided_features_list():
        return ("penultimate", "logits")

    @staticmethod
    def get_default_feature_layer_for_metric(metric):
        return {"isc": "logits", "fid": "penultimate", "kid": "penultimate", "prc": "penultimate"}[metric]

    @staticmethod
    def can_be_compiled():
        return False

    @staticmethod
    def get_dummy_input_for_compile():
        return torch.zeros(1, 1, 28, 28, dtype=torch.uint8)

    @torch.no_grad()
    def forward(self, images):
        if images.dtype != torch.uint8 or images.dim() != 4 or images.shape[1] not in (1, 3):
            raise ValueError(f"expected uint8 images (B, 1 or 3, H, W), got {images.dtype} {tuple(images.shape)}")
        features, logits = self.network(images)
        outputs = {"penultimate": features, "logits": logits}
        return tuple(outputs[name] for name in self.features_list)


if FIDELITY_NAME not in torch_fidelity.registry.FEATURE_EXTRACTORS_REGISTRY:
    torch_fidelity.register_feature_extractor(FIDELITY_NAME, FashionMNISTFeatureExtractor)

EXTRACTORS.register("fmnist")(Extractor(
    name="fmnist-cnn",
    fidelity_name=FIDELITY_NAME,
    logits_layer="logits",
    features_layer="penultimate",
    weights_sha256=lambda options: WEIGHTS_SHA256,
    input_channels=1,
))
