"""The base of the image families' configs (no torch: configs are read and checked before anything loads)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ..core.config_fields import Range
from .model_config import ModelConfig
from ..core.errors import ConfigError


@dataclass
class ImageModelConfig(ModelConfig):
    """Base of the image families' configs: the image shape and classes, filled from the dataset."""

    RANGES: ClassVar[dict[str, Range]] = {"image_size": Range(4, 4096), "channels": Range(1, 4),
                                          "num_classes": Range(1, 2**20)}

    # Filled from the dataset when left empty, so one config trains at any resolution.
    image_size: int | None = None
    channels: int | None = None
    num_classes: int | None = None  # classes of the data, for conditional models

    def fitted_to(self, spec) -> "ImageModelConfig":
        """This config with the image size, channels and classes of `spec` (an ImageSpec), after
        checking that the values it sets itself agree."""
        if spec.domains and not self.TAKES_DOMAINS:
            raise ConfigError(f"{self.name} learns one set of images; two unpaired domains (--domain-a, --domain-b) "
                              "are for cyclegan")
        if not spec.domains and self.TAKES_DOMAINS:
            raise ConfigError(f"{self.name} learns two unpaired domains: give them with --domain-a CLASS --domain-b CLASS")
        if spec.task and not self.TAKES_TASK:
            raise ConfigError(f"{self.name} takes no --task (it learns the images themselves); the models of an "
                              "image-to-image task are pix2pix and unet-l1")
        for key, actual in (("image_size", spec.size), ("channels", spec.channels)):
            wanted = getattr(self, key)
            if wanted is not None and wanted != actual:
                raise ConfigError(f"model.{key} is {wanted} but the dataset has {actual}")
        return dataclasses.replace(self, image_size=spec.size, channels=spec.channels, num_classes=spec.num_classes)
