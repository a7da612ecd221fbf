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

from ..core.storage import write_json_atomically


STATES = ("running", "finished", "stopped", "crashed")


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


# The instruction sets that decide CPU training speed: AVX-512 for fp32 convolutions, AVX-512-BF16
# and AMX for bf16 autocast (with AMX, bf16 is ~1.5x faster than fp32 for our GAN step; without,
# often slower). Names as Linux spells them in /proc/cpuinfo.
SPEED_FLAGS = {"avx2": "AVX2", "avx512f": "AVX-512", "avx512_bf16": "AVX-512-BF16", "avx512_fp16": "AVX-512-FP16",
               "amx_bf16": "AMX-BF16", "amx_int8": "AMX-INT8", "amx_tile": "AMX-TILE"}


def cpu_description(cpuinfo: str | None = None) -> dict:
    """The CPU's model name and its speed-deciding instruction sets, from /proc/cpuinfo (Linux);
    elsewhere the platform's processor string and no flags."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            cpuinfo = ""
    fields: dict[str, str] = {}
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    flags = set(fields.get("flags", "").split())
    model = fields.get("model name") or platform.processor() or platform.machine()
    return {"cpu": model, "cpu_flags": [name for flag, name in SPEED_FLAGS.items() if flag in flags]}


def machine_description(device: torch.device, processes: int) -> dict:
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else None
    return {"platform": platform.platform(), "python": platform.python_version(), "torch": torch.__version__,
            **cpu_description(), "machine": platform.machine(), "cpu_cores": os.cpu_count(),
            "torch_threads": torch.get_num_threads(), "device": str(device), "gpu": gpu, "processes": processes}
