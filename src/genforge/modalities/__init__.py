"""The modalities, one package each, found by name in core.MODALITIES: image now, text next."""

from ..core import MODALITIES, Modality
from . import image, text  # noqa: F401  (register the modalities)


def modality_of(name: str) -> Modality:
    return MODALITIES.get(name)


__all__ = ["MODALITIES", "Modality", "modality_of"]
