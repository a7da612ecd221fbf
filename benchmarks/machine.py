"""What the benchmark scripts print about the machine they ran on (every figure says its CPU)."""

from __future__ import annotations

import platform
import subprocess


def cpu_name() -> str:
    """`lscpu`'s model name, or what the platform says."""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
