"""The layout of a run folder, in one place:

    runs/NAME/config.yaml              the full resolved config
    runs/NAME/metrics.jsonl            one JSON object per logged step
    runs/NAME/checkpoints/step-*/      the last few checkpoints (tensors.safetensors + state.json)
    runs/NAME/samples/step-*.png       fixed-noise sample grids over training
    runs/NAME/real_vs_generated.png    real and generated images side by side
    runs/NAME/skipped-files.txt        photos the data source could not use, one "path: reason" per line
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from ..config import RunConfig, load_run_config
from ..errors import RunError
from .checkpoint import step_checkpoints
from .status import write_text_atomically


@dataclass(frozen=True)
class RunFolder:
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "config.yaml"

    @property
    def metrics_path(self) -> Path:
        return self.root / "metrics.jsonl"

    @property
    def checkpoints(self) -> Path:
        return self.root / "checkpoints"

    @property
    def samples(self) -> Path:
        return self.root / "samples"

    @property
    def side_by_side_path(self) -> Path:
        return self.root / "real_vs_generated.png"

    def sample_grid_path(self, step: int) -> Path:
        return self.samples / f"step-{step:08d}.png"

    def exists(self) -> bool:
        return self.config_path.is_file()

    def latest_checkpoint(self) -> Path:
        found = step_checkpoints(self.checkpoints)
        if not found:
            raise RunError(f"{self.root} has no complete checkpoint")
        return found[-1]

    def read_config(self) -> RunConfig:
        if not self.config_path.is_file():
            raise RunError(f"{self.root} is not a genforge run folder (no config.yaml)")
        return load_run_config(self.config_path)

    def create(self, config: RunConfig, overwrite: bool) -> None:
        if self.root.exists() and any(self.root.iterdir()):
            if not overwrite:
                raise RunError(f"{self.root} already exists: resume it with --resume {self.root}, "
                               "choose another --out, or pass --overwrite to start it again")
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.write_config(config)

    def write_config(self, config: RunConfig) -> None:
        write_text_atomically(self.config_path, config.to_yaml())

    @property
    def skipped_files_path(self) -> Path:
        return self.root / "skipped-files.txt"

    def record_skipped_files(self, skipped: tuple[str, ...]) -> None:
        if skipped:
            self.skipped_files_path.write_text("".join(line + "\n" for line in skipped))
            tqdm.write(f"genforge: skipped {len(skipped)} unusable file(s); listed in {self.skipped_files_path}")

    def append_metrics(self, record: dict) -> None:
        with self.metrics_path.open("a") as handle:
            handle.write(json.dumps(record) + "\n")

    def truncate_metrics_after(self, step: int) -> None:
        """Drop lines logged after `step`: after a resume they will be logged again."""
        if not self.metrics_path.is_file():
            return
        kept = [json.dumps(record) for record in self.read_metrics() if record.get("step", 0) <= step]
        self.metrics_path.write_text("".join(line + "\n" for line in kept))

    def read_metrics(self) -> list[dict]:
        if not self.metrics_path.is_file():
            return []
        records = []
        for line in self.metrics_path.read_text().splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by a kill mid-write
        return records
