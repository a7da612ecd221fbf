"""Everything a report, a leaderboard or `genforge runs` says about one run, read from its folder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..data import DATASETS
from ..training.checkpoint_files import BEST, read_state, step_checkpoints
from ..training.checkpoint_schema import CorruptCheckpoint
from ..training.run_folder import RunFolder
from ..training.status import read_status

def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None


@dataclass
class RunSummary:
    folder: RunFolder
    config: dict
    status: dict
    machine: dict | None
    records: list[dict]
    evaluation: dict | None  # eval.json
    likelihood: dict | None  # likelihood.json
    best: dict | None  # {metric: value} of checkpoints/best
    step: int
    seconds: float
    throughput: float | None  # units per second of training steps (throughput_unit)
    throughput_unit: str = "images"
    rollbacks: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.folder.root.name

    @property
    def model(self) -> str:
        return self.config.get("model", {}).get("name", "?")

    def metric(self, prefix: str) -> tuple[str, float] | None:
        """(full name, value) of the eval.json metric starting with `prefix`, e.g. "FID["."""
        for name, value in ((self.evaluation or {}).get("metrics") or {}).items():
            if name.startswith(prefix) and not name.endswith(" std"):
                return name, float(value)
        return None

    @property
    def modality(self) -> str | None:
        """What the run's data is: as its records say, else as its data source declares (None: a source
        this genforge does not know)."""
        for record in (self.evaluation, self.likelihood):
            if record and record.get("modality"):
                return record["modality"]
        name = self.config.get("data", {}).get("name")
        return DATASETS.get(name).modality if name in DATASETS else None

    @property
    def latest_grid(self) -> Path | None:
        grids = sorted(self.folder.samples.glob("step-*.png"))
        return grids[-1] if grids else None


def readable_state(path: Path) -> dict:
    try:
        return read_state(path)
    except CorruptCheckpoint:
        return {}


def newest_readable_state(folder: RunFolder) -> dict:
    """The newest checkpoint state that reads back (a corrupt newest one is passed over), or {}."""
    for path in reversed(step_checkpoints(folder.checkpoints)):
        state = readable_state(path)
        if state:
            return state
    return {}


def throughput_key(records: list[dict]) -> str:
    """The metrics.jsonl key of the run's throughput: images_per_second, tokens_per_second, ..."""
    for record in records:
        for key in record:
            if key.endswith("_per_second"):
                return key
    return "images_per_second"


def summarise(path: str | Path) -> RunSummary:
    folder = RunFolder(Path(path))
    config = folder.read_config().to_dict()  # RunError when it is not a run folder
    records = folder.read_metrics()
    state = newest_readable_state(folder)
    status = read_status(folder.root)
    step = max(int(state.get("step", 0)), int(status.get("step", 0)))
    seconds = max(float(state.get("seconds", 0.0)), float(status.get("seconds", 0.0)))
    key = throughput_key(records)
    speeds = [r[key] for r in records if key in r]
    speed = sum(speeds[1:]) / len(speeds[1:]) if len(speeds) > 1 else (speeds[0] if speeds else None)
    best_path = folder.checkpoints / BEST
    best = readable_state(best_path).get("best") if best_path.is_dir() else None
    return RunSummary(folder, config, status, read_json(folder.root / "machine.json"), records,
                      read_json(folder.root / "eval.json"), read_json(folder.root / "likelihood.json"), best,
                      step, seconds, speed, key.removesuffix("_per_second"),
                      [r for r in records if r.get("event") == "rollback"])


def find_runs(root: str | Path) -> list[Path]:
    """Run folders (those with a config.yaml) at or directly below `root`, by name."""
    root = Path(root)
    if (root / "config.yaml").is_file():
        return [root]
    return sorted(child for child in root.iterdir() if (child / "config.yaml").is_file()) if root.is_dir() else []
