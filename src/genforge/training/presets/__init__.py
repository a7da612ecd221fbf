"""Named, tuned run configurations shipped with genforge (`--preset NAME`, `genforge presets`)."""

from __future__ import annotations

import re
from pathlib import Path

from ..run_config import read_yaml
from ...core.errors import ConfigError
from ...core.registry import closest

FOLDER = Path(__file__).parent


def preset_names() -> list[str]:
    return sorted(path.stem for path in FOLDER.glob("*.yaml"))


def preset_path(name: str) -> Path:
    path = FOLDER / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"unknown preset {name!r}{closest(name, preset_names())}; "
                          f"choose from: {', '.join(preset_names())}")
    return path


def load_preset(name: str) -> dict:
    return read_yaml(preset_path(name))


def describe(name: str) -> str:
    """The first sentence of the preset's leading comment, however many lines it runs over."""
    words: list[str] = []
    for line in preset_path(name).read_text().splitlines():
        if not line.startswith("#"):
            break
        words += line.lstrip("#").split()
    return first_sentence(" ".join(words))


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (followed by a space and a capital, or the
    end), so "Adam 2e-4, betas 0.5/0.999." and "e.g." do not cut it short."""
    found = re.search(r"\.(?=\s+[A-Z`(]|\s*$)", text)
    return text[:found.end()] if found else text
