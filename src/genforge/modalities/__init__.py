"""The modalities, one package each (modalities/<modality>/: writers, previews, units), each
registering its Modality in core.MODALITIES when this package is imported."""

import importlib
import pkgutil
from pathlib import Path

from ..core import MODALITIES, Modality


def import_modality_packages() -> None:
    for package in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if package.ispkg:
            importlib.import_module(f"{__name__}.{package.name}")


import_modality_packages()


def modality_of(name: str) -> Modality:
    return MODALITIES.get(name)


__all__ = ["MODALITIES", "Modality", "modality_of"]
