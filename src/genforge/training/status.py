"""A run's state for `genforge runs` and the report: RUN/status.json and RUN/machine.json.

status.json is rewritten atomically at the start, at every checkpoint and at the end:
  running   a process is training it (its pid and host are recorded)
  finished  it reached its step or time budget
  stopped   Ctrl-C or SIGTERM ended it cleanly; `genforge train --resume` continues it
  crashed   it ended with an error, or it says running but its process is gone (SIGKILL, power cut)
"""

from __future__ import annotations

import json
import os
import platform
import socket
import time
from pathlib import Path

import torch


def write_text_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never a half-written one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text)
    temporary.replace(path)


def write_json_atomically(path: Path, values: dict) -> None:
    write_text_atomically(path, json.dumps(values, indent=1) + "\n")


def write_status(root: Path, state: str, step: int, seconds: float, error: str | None = None) -> None:
    values = {"state": state, "step": step, "seconds": round(seconds, 3), "pid": os.getpid(),
              "host": socket.gethostname(), "updated": time.strftime("%Y-%m-%dT%H:%M:%S")}
    if error:
        values["error"] = error
    write_json_atomically(root / "status.json", values)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_status(root: Path) -> dict:
    """The recorded status, with a `running` run whose process is gone reported as crashed."""
    try:
        values = json.loads((root / "status.json").read_text())
    except (OSError, json.JSONDecodeError):
        return {"state": "unknown"}
    if values.get("state") == "running" and values.get("host") == socket.gethostname() \
            and not process_alive(int(values.get("pid", 0))):
        values = {**values, "state": "crashed", "error": "the training process ended without saying why (killed?)"}
    return values


def machine_description(device: torch.device, processes: int) -> dict:
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else None
    return {"platform": platform.platform(), "python": platform.python_version(), "torch": torch.__version__,
            "cpu": platform.processor() or platform.machine(), "cpu_cores": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "device": str(device), "gpu": gpu, "processes": processes}
