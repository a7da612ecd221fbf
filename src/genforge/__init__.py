"""genforge: train, evaluate and use generative models, offline, on an ordinary machine."""

import importlib

from .version import __version__

__all__ = ["__version__", "load"]


def __getattr__(name: str):
    """`genforge.load` and the subpackages load on first use: `import genforge.core.errors` (the CLI's error
    path, config checks made before anything loads) then costs no torch import (PEP 562)."""
    if name == "load":
        from .pipelines.loading import load

        return load
    if not name.startswith("_"):
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
