"""Package attributes imported on first use (PEP 562), so that importing a package for its light
parts (configs, registries of names, errors) does not import torch with its heavy ones."""

from __future__ import annotations

import importlib
from typing import Callable


def lazy_attributes(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports `where[name]` (a submodule, relative as
    ".model") the first time `name` is asked for."""

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(where[name], package), name)

    return __getattr__
