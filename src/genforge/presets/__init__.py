"""Named, tuned run configurations shipped with genforge (`--preset NAME`, `genforge presets`)."""

from __future__ import annotations

from pathlib import Path

from ..config import read_yaml
from ..errors import ConfigError
from ..registry import closest

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
    """The preset's first comment line."""
    for line in preset_path(name).read_text().splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""
