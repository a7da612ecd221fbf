"""The layout of a run folder, in one place:

    runs/NAME/config.yaml              the full resolved config
    runs/NAME/metrics.jsonl            one JSON object per logged step
    runs/NAME/checkpoints/step-*/      the last few checkpoints (tensors.safetensors + state.json)
    runs/NAME/samples/step-*.png       fixed-noise sample grids over training
    runs/NAME/real_vs_generated.png    real and generated images side by side
    runs/NAME/skipped-files.txt        photos the data source could not use, one "path: reason" per line
    runs/NAME/.genforge-run            the marker that says genforge made the folder (--overwrite needs it)
    runs/NAME/.lock                    locked by the one process that writes the run (run_lock.py)
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tqdm import tqdm

from ..version import __version__
from .run_config import RunConfig, load_run_config
from ..core.errors import RunError, StorageError
from .safe_folders import check_replaceable
from ..core.storage import append_line, remove_quietly, write_json_atomically, write_text_atomically
from .checkpoint_files import BEST, Checkpoint, read_checkpoint, remove_leftovers, step_checkpoints
from .checkpoint_schema import CorruptCheckpoint
from .run_lock import LOCK_FILE, RunLock
from .status import STATES

MARKER = ".genforge-run"
# Files only the run's writer writes, atomically through `.NAME.PID.tmp` (storage.py).
WRITER_FILES = ("status.json", "metrics.jsonl", "config.yaml", "skipped-files.txt", "machine.json", MARKER)
MARKER_FORMAT = "genforge-run/1"
_warned: set[tuple[Path, int, Path]] = set()  # (corrupt, its inode, used) already reported by this process


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return 0


@dataclass(frozen=True)
class RunFolder:
    root: Path
    lock: RunLock = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "lock", RunLock(self.root))

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

    def newest_intact_checkpoint(self, use: Callable[[Checkpoint], None] | None = None) -> Checkpoint:
        """The newest checkpoint that reads back whole (and that `use`, e.g. a resume's restore, takes
        without a CorruptCheckpoint); when newer ones are corrupt, a one-line warning names the corrupt
        one and the one used instead. Refused only when none is intact."""
        found = step_checkpoints(self.checkpoints)
        if not found:
            raise RunError(f"{self.root} has no complete checkpoint")
        first_problem: CorruptCheckpoint | None = None
        for path in reversed(found):
            try:
                checkpoint = read_checkpoint(path)
                if use is not None:
                    use(checkpoint)
            except CorruptCheckpoint as problem:
                first_problem = first_problem or problem
                continue
            seen = (found[-1], _inode(found[-1]), path)  # a folder rewritten since is warned about again
            if first_problem is not None and seen not in _warned:
                _warned.add(seen)
                print(f"genforge: warning: {first_problem.problem}; using the older {path.name} instead",
                      file=sys.stderr)
            return checkpoint
        more = f" (nor any of the {len(found) - 1} older ones)" if len(found) > 1 else ""
        advice = f"; {first_problem.advice}" if first_problem.advice else ""
        raise RunError(f"{first_problem.problem}{more}{advice}")

    def chosen_checkpoint(self, choice: str | Path | None = None,
                          use: Callable[[Checkpoint], None] | None = None) -> Checkpoint:
        """The checkpoint a command is asked to use: None (or "") for the newest intact one (that `use`,
        e.g. loading it into the run's model, takes without a CorruptCheckpoint); a name in the run's
        checkpoints/ (`best`: the lowest validation loss or best FID so far; `step-00000500`); or the
        path of a checkpoint folder of this run. Anything else is one line naming what the run has."""
        if not choice:
            return self.newest_intact_checkpoint(use)
        named = "/" not in str(choice) and str(choice) not in (".", "..")
        path = self.checkpoints / str(choice) if named else Path(choice)
        if named and not path.is_dir():
            names = [BEST] * (self.checkpoints / BEST).is_dir() + [p.name for p in step_checkpoints(self.checkpoints)]
            raise RunError(f"{self.root} has no checkpoint {choice}: give one of {', '.join(names) or '(none yet)'} "
                           "or a checkpoint folder of the run")
        if not named and not (path.is_dir() and path.resolve().parent == self.checkpoints.resolve()):
            raise RunError(f"{choice} is not a checkpoint folder of {self.root} (one of {self.checkpoints}/*)")
        checkpoint = read_checkpoint(path)
        if use is not None:
            use(checkpoint)
        return checkpoint

    def set_aside_checkpoints_after(self, used: Checkpoint) -> None:
        """Newer checkpoints than the one a resume starts from are corrupt (it is the newest intact
        one): renamed `corrupt-step-*`, kept for a look but out of the way of pruning and readers."""
        for path in step_checkpoints(self.checkpoints):
            if path.name > used.path.name and path.parent == used.path.parent:
                target, copy = path.with_name(f"corrupt-{path.name}"), 1
                while target.exists():  # the same step went bad before
                    copy += 1
                    target = path.with_name(f"corrupt-{path.name}-{copy}")
                path.rename(target)

    # -- one writer, and replacing only what genforge made -------------------------------------------
    @property
    def marker_path(self) -> Path:
        return self.root / MARKER

    def made_by_genforge(self) -> bool:
        """The folder holds genforge's marker, or (runs made before the marker) a config.yaml with the
        run sections and a status.json as genforge writes them."""
        try:
            marker = json.loads(self.marker_path.read_text())
            if isinstance(marker, dict) and marker.get("format") == MARKER_FORMAT:
                return True
        except (OSError, ValueError):
            pass
        try:
            import yaml

            config = yaml.safe_load(self.config_path.read_text())
            status = json.loads((self.root / "status.json").read_text())
        except (OSError, ValueError, yaml.YAMLError):
            return False
        return isinstance(config, dict) and {"model", "train"} <= set(config) and isinstance(status, dict) \
            and status.get("state") in STATES and isinstance(status.get("step"), int)

    def check_can_create(self, overwrite: bool, inputs: Iterable[tuple[str, str | Path]] = ()) -> None:
        """Before anything loads: may a new run be made here? Touches nothing."""
        if self.root.exists() and not self.root.is_dir():
            raise RunError(f"{self.root} exists and is not a folder; choose another --out")
        if self.root.is_dir() and any(path.name != LOCK_FILE for path in self.root.iterdir()):
            if not overwrite:
                raise RunError(f"{self.root} already exists: resume it with --resume {self.root}, "
                               "choose another --out, or pass --overwrite to start it again")
            check_replaceable(self.root, inputs, self.made_by_genforge())

    def create(self, config: RunConfig, overwrite: bool, inputs: Iterable[tuple[str, str | Path]] = ()) -> None:
        """Make the folder (emptied first when --overwrite replaces a run), locked for this process. A
        write the machine refuses here (a full disk) leaves no half-made run: what this wrote is
        removed again, and the folder too when this made it."""
        inputs = list(inputs)
        self.check_can_create(overwrite, inputs)
        made = not self.root.exists()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RunError(f"cannot create the run folder {self.root}: {error.strerror}") from None
        try:
            self.lock.acquire()
        except StorageError:
            self.remove_what_create_wrote(made)
            raise
        entries = [path for path in self.root.iterdir() if path.name != LOCK_FILE]
        if entries:  # checked again under the lock: no other writer can be in it now
            check_replaceable(self.root, inputs, self.made_by_genforge())
            for path in entries:
                remove_quietly(path)
        try:
            write_json_atomically(self.marker_path, {"format": MARKER_FORMAT, "genforge": __version__,
                                                     "created": time.strftime("%Y-%m-%dT%H:%M:%S")}, "the run marker")
            self.write_config(config)
        except StorageError:
            self.remove_what_create_wrote(made)
            raise

    def remove_what_create_wrote(self, made: bool) -> None:
        """After a refused first write: the marker, the config and the lock go (the folder is empty of
        anything else then: create emptied it), and the folder itself when `create` made it."""
        self.lock.release()
        for path in (self.marker_path, self.config_path, self.root / LOCK_FILE):
            remove_quietly(path)
        if made:
            with contextlib.suppress(OSError):
                self.root.rmdir()  # only when empty: nothing else is ever removed

    def take_over(self) -> None:
        """Become the run's one writer (for a resume), and clear what killed writes left behind."""
        self.lock.acquire()
        remove_leftovers(self.checkpoints)
        for name in WRITER_FILES:  # only the writer's own: a reader's output in RUN is not touched
            for path in self.root.glob(f".{name}.*.tmp"):
                remove_quietly(path)

    def read_config(self) -> RunConfig:
        if not self.config_path.is_file():
            raise RunError(f"{self.root} is not a genforge run folder (no config.yaml)")
        return load_run_config(self.config_path)

    def write_config(self, config: RunConfig) -> None:
        write_text_atomically(self.config_path, config.to_yaml(), "the run config")

    @property
    def skipped_files_path(self) -> Path:
        return self.root / "skipped-files.txt"

    def record_skipped_files(self, skipped: tuple[str, ...]) -> None:
        if skipped:
            write_text_atomically(self.skipped_files_path, "".join(line + "\n" for line in skipped),
                                  "the list of skipped files")
            tqdm.write(f"genforge: skipped {len(skipped)} unusable file(s); listed in {self.skipped_files_path}")

    def append_metrics(self, record: dict) -> None:
        append_line(self.metrics_path, json.dumps(record), "a metrics line")

    def truncate_metrics_after(self, step: int) -> None:
        """Drop lines logged after `step`: after a resume they will be logged again."""
        if not self.metrics_path.is_file():
            return
        kept = [json.dumps(record) for record in self.read_metrics() if record.get("step", 0) <= step]
        write_text_atomically(self.metrics_path, "".join(line + "\n" for line in kept), "the metrics")

    def read_metrics(self) -> list[dict]:
        if not self.metrics_path.is_file():
            return []
        records = []
        for line in self.metrics_path.read_text().splitlines():
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                continue  # a line cut short by a kill mid-write
            if isinstance(record, dict) and type(record.get("step", 0)) is int:
                records.append(record)  # anything else was not written by genforge: passed over
        return records
