"""The base of every model family's config (no torch: configs are read before anything loads)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ModelConfig:
    """Base of every model family's config. `name` selects the family in the model registry; what a
    family needs to know of its data (image size, vocabulary) it takes from the dataset's spec in
    `fitted_to` (models/latent_image.py: ImageModelConfig)."""

    name: str = "dcgan"

    def fitted_to(self, spec) -> "ModelConfig":
        """This config completed from the dataset's spec (core/spec.py), or refused when they disagree."""
        return self
