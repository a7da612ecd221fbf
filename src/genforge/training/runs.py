"""Starting a run and continuing one: the folder's checks and lock, step 0's checkpoint, the
resume from the newest intact checkpoint, and how the run ended recorded whatever ends it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from .run_config import RunConfig, build_run_config, merge
from ..core.storage import write_json_atomically
from ..core.callbacks import TrainingHooks
from .loop import Trainer, TrainResult
from .run_folder import RunFolder
from .status import machine_description, write_status


def run_to_the_end(trainer: Trainer, start: Callable[[], None]) -> TrainResult:
    """`start`, then the loop; whatever ends it, the trainer records how and lets go of its logs."""
    error = None
    try:
        start()
        if trainer.world.is_main:
            write_json_atomically(trainer.run.root / "machine.json",
                                  machine_description(trainer.device, trainer.world.size))
        return trainer.run_loop()
    except BaseException as raised:
        error = raised
        raise
    finally:
        trainer.close(error)


def data_inputs(config: RunConfig) -> list[tuple[str, Path]]:
    """The files and folders a run's data source reads: those its config declares (DataConfig.INPUT_PATHS),
    and those the environment names."""
    found = [(f"data.{key}", Path(path).expanduser()) for key, path in config.data.input_paths().items()]
    for variable in ("GENFORGE_DATA", "GENFORGE_CELEBA"):
        if os.environ.get(variable):
            found.append((f"${variable}", Path(os.environ[variable])))
    return found


def train(config: RunConfig, out: str | Path, overwrite: bool = False,
          inputs: Iterable[tuple[str, str | Path]] = (), hooks: TrainingHooks | None = None) -> TrainResult:
    """Start a new run in folder `out`. `inputs` are (flag, path) pairs of what the command reads
    besides the paths of the config's data source: --overwrite never deletes a folder that holds one."""
    run = RunFolder(Path(out))
    inputs = [*inputs, *data_inputs(config)]
    # The folder is checked before the data loads, and made (and locked) only once it has.
    trainer = Trainer(config, run, claim_folder=lambda: run.check_can_create(overwrite, inputs), hooks=hooks)

    def start() -> None:
        if trainer.world.is_main:
            run.create(trainer.config, overwrite, inputs)
        trainer.owns_folder = True
        trainer.save()  # step 0: a state the stability guard can always return to

    return run_to_the_end(trainer, start)


def resume(run_path: str | Path, overrides: dict | None = None, hooks: TrainingHooks | None = None) -> TrainResult:
    """Continue the run in `run_path` from its newest complete checkpoint."""
    run = RunFolder(Path(run_path))
    config = run.read_config()
    if overrides:
        config = build_run_config(merge(config.to_dict(), overrides))
    trainer = Trainer(config, run, claim_folder=run.take_over, hooks=hooks)

    def start() -> None:
        checkpoint = run.newest_intact_checkpoint(use=trainer.restore)
        if trainer.world.is_main:
            run.set_aside_checkpoints_after(checkpoint)
        if overrides and trainer.world.is_main:  # only once the checkpoint has taken the new settings
            run.write_config(trainer.config)
        trainer.owns_folder = True
        if trainer.world.is_main:
            write_status(run.root, "running", trainer.step, trainer.seconds)

    return run_to_the_end(trainer, start)
