"""The modalities, one package each (modalities/<modality>/: writers, previews, units), each
registering its Modality in core.MODALITIES when this package is imported."""

from ..core import MODALITIES, Modality
from ..core.registry import import_subpackages


def import_modality_packages() -> None:
    import_subpackages(__name__)


import_modality_packages()


def modality_of(name: str) -> Modality:
    return MODALITIES.get(name)


__all__ = ["MODALITIES", "Modality", "modality_of"]
