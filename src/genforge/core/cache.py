"""Where genforge caches reference features, prepared weights and decoded photo datasets: $GENFORGE_CACHE or ~/.cache/genforge."""

import os
from pathlib import Path


def cache_dir() -> Path:
    return Path(os.environ.get("GENFORGE_CACHE") or Path.home() / ".cache" / "genforge")
