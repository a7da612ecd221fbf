"""The registry of data sources: name -> function(DataConfig) -> ImageSet."""

from typing import Callable

from ..config import DataConfig
from ..registry import Registry
from .image_set import ImageSet

DATASETS: Registry[Callable[[DataConfig], ImageSet]] = Registry("dataset")
