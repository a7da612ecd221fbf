"""Metrics: feature extractors and the bridge to torch-fidelity, validation losses, likelihoods.

The package imports nothing itself: the feature networks register when EXTRACTORS is first looked up
(extractors.py), so a command that reads a config or prints help does not import torch-fidelity."""
