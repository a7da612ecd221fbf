"""A name -> object table. Used instead of if-chains for models, datasets and objectives."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from typing import Callable, Generic, TypeVar

from .errors import ConfigError

T = TypeVar("T")


def closest(name: str, options) -> str:
    """' (did you mean X?)' for the nearest option, or '' when nothing is close."""
    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.5)
    return f" (did you mean {match[0]!r}?)" if match else ""


def import_subpackages(package: str, module: str | None = None) -> None:
    """Import every sub-package of `package` (or the `module` of each: "handler"), so that the entries
    they register are there: a folder per modality or family is found without a list of names."""
    for found in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if found.ispkg:
            importlib.import_module(f"{package}.{found.name}" + (f".{module}" if module else ""))


class Registry(Generic[T]):
    """`populate`, when given, is called once before the first lookup: it imports the modules whose
    entries register themselves (networks, feature extractors), so that importing the registry itself
    costs nothing and a command that never looks up stays light."""

    def __init__(self, kind: str, populate: Callable[[], None] | None = None):
        self.kind = kind
        self._entries: dict[str, T] = {}
        self._populate = populate

    def _populated(self) -> dict[str, T]:
        if self._populate is not None:
            populate, self._populate = self._populate, None
            populate()
        return self._entries

    def register(self, name: str) -> Callable[[T], T]:
        def add(obj: T) -> T:
            if name in self._entries:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            self._entries[name] = obj
            return obj

        return add

    @classmethod
    def of(cls, kind: str, entries: dict[str, T]) -> "Registry[T]":
        """A registry holding `entries`, for a one-line refusal of an unknown name."""
        registry = cls(kind)
        registry._entries.update(entries)
        return registry

    def get(self, name: str) -> T:
        entries = self._populated()
        try:
            return entries[name]
        except KeyError:
            raise ConfigError(
                f"unknown {self.kind} {name!r}{closest(name, entries)}; "
                f"choose from: {', '.join(sorted(entries))}"
            ) from None

    def names(self) -> list[str]:
        return sorted(self._populated())

    def __contains__(self, name: str) -> bool:
        return name in self._populated()
