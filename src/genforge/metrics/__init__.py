"""Metrics: feature extractors and the bridge to torch-fidelity."""

from . import fmnist_extractor, inception_extractor  # noqa: F401,E402  (register the extractors)
