"""Where genforge caches reference features and prepared weights: $GENFORGE_CACHE or ~/.cache/genforge."""

import os
from pathlib import Path


def cache_dir() -> Path:
    return Path(os.environ.get("GENFORGE_CACHE") or Path.home() / ".cache" / "genforge")
