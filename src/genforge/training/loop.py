"""The one training loop. It knows time, batches, checkpoints, logs and sample grids, and nothing
about any model: each family's `train_step` does the maths (see models/base.py)."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import torch
from tqdm import tqdm

from ..config import RunConfig
from ..data import BatchSchedule, ImageSet, load_dataset
from ..data.transforms import mirrored
from ..errors import ConfigError, GenforgeError, RunError
from ..models import GenerativeModel, build_model
from ..models.base import class_rows
from ..reports.grids import save_grid, save_side_by_side
from .checkpoint import BEST, Checkpoint, prune, read_state, step_name, write_checkpoint
from .checkpoint_schema import CorruptCheckpoint
from .devices import check_double_backward, check_precision, resolve_device
from .distributed import (World, join_world, leave_world, synchronise_batchnorm, trainable_networks,
                          wrap_in_data_parallel)
from .guard import instability, scale_learning_rates
from .run_folder import RunFolder
from ..storage import write_json_atomically
from .status import machine_description, write_status
from .step_engine import StepEngine
from .tensorboard import TensorBoardLog
from .state import (capture_rng_states, module_tensors, optimizer_from_tensors_and_json,
                    optimizer_to_tensors_and_json, restore_rng_states)


@dataclass
class TrainResult:
    run: RunFolder
    step: int
    seconds: float
    interrupted: bool
    is_main: bool = True  # False in torchrun's other processes, which print nothing


def fit_model_to_data(config: RunConfig, data: ImageSet) -> RunConfig:
    """Fill the model's image size and channels from the data, or check that they agree."""
    model = config.model
    for key, actual in (("image_size", data.image_size), ("channels", data.channels)):
        wanted = getattr(model, key)
        if wanted is not None and wanted != actual:
            raise ConfigError(f"model.{key} is {wanted} but dataset {data.name} has {actual}")
    model = dataclasses.replace(model, image_size=data.image_size, channels=data.channels,
                                num_classes=len(data.class_names) or None)
    return dataclasses.replace(config, model=model)


def make_evaluator(config: RunConfig):
    """The FID tracker when the config asks for evaluation during training, else None."""
    train = config.train
    if train.eval_every is None:
        return None
    from ..metrics.during_training import TrainingFID  # metrics load only when asked for

    return TrainingFID(config.data, train.eval_extractor, train.eval_samples, train.eval_reference, train.seed)


class TrainingDiverged(GenforgeError):
    """The stability guard gave up; exit code 1, since the input was fine but training was not."""

    exit_code = 1


class StopSignals:
    """Turns the first SIGINT or SIGTERM into a request to stop after the step in flight.

    Stopping between steps means the checkpoint written on the way out is an exact training
    state, from which a resume continues as if never interrupted. A second Ctrl-C stops at once.
    """

    def __init__(self):
        self.requested = False
        self._previous = {}

    def _handle(self, signum, frame):
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self  # signal handlers can only be installed from the main thread
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


class Trainer:
    def __init__(self, config: RunConfig, run: RunFolder, claim_folder: Callable[[], None] | None = None):
        """`claim_folder` runs in the main process before any data loads: the run folder's checks
        and lock, so a refused folder costs no data loading and a second writer is refused at once."""
        self.run = run
        self.world, self.device = join_world(resolve_device(config.train.device))
        check_precision(self.device, config.train.precision)
        if claim_folder is not None and self.world.is_main:
            claim_folder()
        try:
            self.set_up(config)
        except BaseException:
            run.lock.release()  # the loop never started: let the next attempt have the run at once
            raise

    def set_up(self, config: RunConfig) -> None:
        """The data, the model and its optimisers, the step engine, and the run's logs."""
        run = self.run
        train = config.train
        if train.batch_size % self.world.size:
            raise ConfigError(f"train.batch_size {train.batch_size} (the global batch) must divide evenly "
                              f"among {self.world.size} processes")
        torch.manual_seed(train.seed)  # the same initial weights in every process
        if not self.world.is_main:
            self.world.barrier()  # rank 0 builds a photo cache first; the others then just open it
        self.data = load_dataset(config.data)
        if self.world.is_main:
            self.world.barrier()
        self.config = fit_model_to_data(config, self.data)
        self.model: GenerativeModel = build_model(self.config.model).to(self.device)
        self.prepare_networks()
        averaged_by_ddp = wrap_in_data_parallel(self.model, self.world, self.device)
        self.optimizers = self.model.build_optimizers()
        self.base_rates = {name: [group["lr"] for group in opt.param_groups] for name, opt in self.optimizers.items()}
        self.lr_scale = 1.0  # lowered by the stability guard at each rollback
        self.rollbacks = 0
        self.engine = StepEngine(self.device, train.precision, self.world, averaged_by_ddp)
        # Small datasets move to the device once; file-backed ones are read a batch at a time.
        self.images = self.data.images.to(self.device) if self.data.in_memory else None
        self.labels = self.data.labels.to(self.device) if self.data.labels is not None else None
        self.schedule = BatchSchedule(len(self.data), train.batch_size, train.seed)
        self.step = 0
        self.seconds = 0.0  # training wall time, summed over resumes
        self.evaluator = make_evaluator(self.config) if self.world.is_main else None
        self.best: float | None = None  # lowest FID so far, when evaluating during training
        self.tensorboard = TensorBoardLog(run.root) if train.tensorboard and self.world.is_main else None
        self.owns_folder = False  # set once this trainer has created or resumed the run folder
        self.skipped_recorded = 0

    def prepare_networks(self) -> None:
        """The run's GPU options: synchronised BatchNorm, channels-last layout, torch.compile."""
        train = self.config.train
        check_double_backward(self.model, train, self.world.distributed)
        if train.sync_batchnorm:
            synchronise_batchnorm(self.model, self.world, self.device)
        if train.channels_last:
            self.model.to(memory_format=torch.channels_last)
        if train.compile:
            # nn.Module.compile compiles in place, so parameter names (and checkpoints) do not change.
            for _, network in trainable_networks(self.model):
                network.compile(backend=train.compile)

    def separate_rng_streams(self) -> None:
        """Processes other than rank 0 draw their own noise, seeded by (seed, rank, step) before
        every step: only rank 0's generator is in the checkpoint, so the others' streams must not
        depend on where a run was resumed."""
        if self.world.rank:  # a seed per (seed, rank, step) triple: no two steps or ranks share one
            key = np.random.SeedSequence([self.config.train.seed % 2**64, self.world.rank, self.step])
            torch.manual_seed(int(key.generate_state(1, dtype=np.uint64)[0]))

    # -- checkpoints -------------------------------------------------------------------------
    def snapshot(self) -> tuple[dict, dict]:
        """The complete training state as (tensors, JSON-able state)."""
        tensors = module_tensors(self.model)
        optimizer_json = {}
        for name, optimizer in self.optimizers.items():
            optimizer_tensors, optimizer_json[name] = optimizer_to_tensors_and_json(name, optimizer)
            tensors.update(optimizer_tensors)
        state = {"step": self.step, "seconds": self.seconds, "config": self.config.to_dict(),
                 "rng": capture_rng_states(), "optimizers": optimizer_json,
                 "lr_scale": self.lr_scale, "rollbacks": self.rollbacks, "grad_scalers": self.engine.state(),
                 "processes": self.world.size}
        return tensors, state

    def save(self) -> None:
        """Rank 0 writes the checkpoint; every process waits for it, so any can read it back."""
        if self.world.is_main:
            tensors, state = self.snapshot()
            write_checkpoint(self.run.checkpoints, step_name(self.step), tensors, state)
            prune(self.run.checkpoints, self.config.train.keep_checkpoints)
            write_status(self.run.root, "running", self.step, self.seconds)
            self.record_skipped_files()
        self.world.barrier()

    def record_skipped_files(self) -> None:
        """RUN/skipped-files.txt, rewritten when the data source has found more unusable files."""
        if len(self.data.skipped) != self.skipped_recorded:
            self.run.record_skipped_files(self.data.skipped)
            self.skipped_recorded = len(self.data.skipped)

    def evaluate(self) -> None:
        """FID now; logged, and the checkpoint kept as `best` when it is the lowest so far."""
        value = self.evaluator(self.model)
        name = self.evaluator.metric_name
        self.record({"step": self.step, "seconds": round(self.seconds, 3), name: value})
        if self.best is None or value < self.best:
            self.best = value
            tensors, state = self.snapshot()
            write_checkpoint(self.run.checkpoints, BEST, tensors, {**state, "best": {name: value}})

    def restore(self, checkpoint: Checkpoint) -> None:
        path = checkpoint.path
        checkpoint.load_model(self.model)
        for name, optimizer in self.optimizers.items():
            try:
                optimizer_from_tensors_and_json(optimizer, name, checkpoint.tensors, checkpoint.state["optimizers"][name])
            except (KeyError, ValueError, TypeError) as error:  # another family's optimisers, or other groups
                raise RunError(f"{path}: its {name} optimiser state does not fit these settings ({error}); keep "
                               "the model options the run was made with") from None
        try:
            restore_rng_states(checkpoint.state["rng"])
            self.engine.load_state(checkpoint.state.get("grad_scalers", {}))
        except (ValueError, TypeError, RuntimeError, KeyError) as error:  # the schema checked types, not contents
            raise CorruptCheckpoint(f"checkpoint {path}: its RNG or gradient-scaler state cannot be restored "
                                    f"({str(error).splitlines()[0] if str(error) else type(error).__name__})") from None
        self.step = checkpoint.step
        self.seconds = float(checkpoint.state["seconds"])
        self.lr_scale = float(checkpoint.state.get("lr_scale", 1.0))
        self.rollbacks = int(checkpoint.state.get("rollbacks", 0))
        # The run's rates, not the checkpoint's: a resume may change --lr (equal otherwise).
        scale_learning_rates(self.optimizers, self.base_rates, self.lr_scale)
        if self.world.is_main:
            self.run.truncate_metrics_after(self.step)
            if self.tensorboard:
                self.tensorboard.continue_from(self.step)
        self.best = self.best_so_far()

    def best_so_far(self) -> float | None:
        """The evaluation kept in checkpoints/best; a corrupt one is reported and replaced by the next."""
        best = self.run.checkpoints / BEST
        if not best.is_dir():
            return None
        try:
            values = read_state(best).get("best") or {}
        except CorruptCheckpoint as problem:
            tqdm.write(f"genforge: warning: {problem}; the next evaluation replaces it")
            return None
        return next(iter(values.values()), None)

    def roll_back(self, reason: str) -> None:
        """Return to the newest checkpoint with lower learning rates, and record why."""
        train = self.config.train
        rollbacks, scale = self.rollbacks + 1, self.lr_scale * train.guard_lr_factor
        if rollbacks > train.guard_max_rollbacks:
            raise TrainingDiverged(f"training diverged at step {self.step} ({reason}) after "
                                   f"{train.guard_max_rollbacks} rollbacks; the checkpoints before it are intact")
        failed_at = self.step
        self.run.newest_intact_checkpoint(use=self.restore)
        self.rollbacks, self.lr_scale = rollbacks, scale
        scale_learning_rates(self.optimizers, self.base_rates, scale)
        event = {"step": self.step, "seconds": round(self.seconds, 3), "event": "rollback", "reason": reason,
                 "failed_at_step": failed_at, "lr_scale": scale}
        if not self.world.is_main:
            return
        self.run.append_metrics(event)
        tqdm.write(f"stability guard: {reason} at step {failed_at}; rolled back to step {self.step}, "
                   f"learning rates x{scale:g}")

    # -- pictures ----------------------------------------------------------------------------
    def write_pictures(self) -> None:
        if not self.world.is_main:
            return
        count, seed = self.config.train.grid_size, self.config.train.seed
        if self.model.num_classes:  # one row per class
            labels, columns = class_rows(self.model.num_classes, count)
            generated = self.model.sample(len(labels), seed=seed, labels=labels)
        else:
            generated, columns = self.model.sample(count, seed=seed), None
        save_grid(generated, self.run.sample_grid_path(self.step), columns)
        if self.tensorboard:
            self.tensorboard.image(self.step, "samples", self.run.sample_grid_path(self.step))
        chooser = torch.Generator().manual_seed(seed)
        real = self.data.take(torch.randperm(len(self.data), generator=chooser)[:len(generated)])
        save_side_by_side({"real": real, "generated": generated}, self.run.side_by_side_path, columns)

    # -- the loop ----------------------------------------------------------------------------
    def finished(self) -> bool:
        train = self.config.train
        out_of_steps = train.steps is not None and self.step >= train.steps
        out_of_time = train.minutes is not None and self.seconds >= 60 * train.minutes
        return out_of_steps or out_of_time

    def budget_used(self) -> float:
        """Fraction of the step or time budget spent, whichever is further along."""
        train = self.config.train
        used = [self.step / train.steps] if train.steps is not None else []
        used += [self.seconds / (60 * train.minutes)] if train.minutes is not None else []
        return min(1.0, max(used))

    def set_learning_rates(self) -> None:
        """The guard's scale, times the linear decay when asked for (a function of the budget used,
        so a resumed run continues the same schedule)."""
        decay = 1.0 - self.budget_used() if self.config.train.lr_decay == "linear" else 1.0
        scale_learning_rates(self.optimizers, self.base_rates, self.lr_scale * decay)

    def train_one_step(self) -> dict[str, float]:
        if self.config.train.lr_decay != "none":
            self.set_learning_rates()
        self.separate_rng_streams()
        index = self.world.shard(self.schedule.indices(self.step))
        images = self.images[index.to(self.device)] if self.images is not None else \
            self.data.take(index).to(self.device, non_blocking=True)
        if self.config.data.mirror:
            images = mirrored(images, self.world.shard(self.schedule.flips(self.step)).to(self.device))
        if self.config.train.channels_last:
            images = images.contiguous(memory_format=torch.channels_last)
        labels = self.labels[index.to(self.device)] if self.labels is not None else None
        scalars = self.model.train_step(images, labels, self.optimizers, self.engine)
        self.step += 1
        return scalars

    def progress_fields(self, scalars: dict[str, float]) -> dict[str, str]:
        """The latest losses, and the time left when the budget is in minutes (tqdm's ETA needs a step total)."""
        fields = {key: f"{value:.3f}" for key, value in scalars.items() if not key.startswith("grad_norm")}
        minutes = self.config.train.minutes
        if minutes is not None and self.config.train.steps is None:
            left = max(0, int(60 * minutes - self.seconds))
            fields["left"] = f"{left // 60}:{left % 60:02d}"
        return fields

    def log(self, sums: dict[str, float], steps: int, elapsed: float) -> None:
        """Append the interval's mean scalars and throughput to metrics.jsonl."""
        self.record({
            "step": self.step, "seconds": round(self.seconds, 3),
            "images_per_second": round(steps * self.config.train.batch_size / elapsed, 2),
            **{key: total / steps for key, total in sums.items()}})

    def record(self, values: dict) -> None:
        """One line of metrics.jsonl (rank 0 only), mirrored to TensorBoard when asked for."""
        if not self.world.is_main:
            return
        self.run.append_metrics(values)
        if self.tensorboard:
            self.tensorboard.scalars(values["step"], values)

    def run_loop(self) -> TrainResult:
        train = self.config.train
        bar = tqdm(total=train.steps, initial=self.step, unit="step", dynamic_ncols=True,
                   desc=self.run.root.name, disable=None if self.world.is_main else True)
        sums: dict[str, float] = {}
        interval_start, interval_steps = time.perf_counter(), 0
        with StopSignals() as stop:
            while not self.finished() and not stop.requested:
                started = time.perf_counter()
                scalars = self.train_one_step()
                self.seconds += time.perf_counter() - started
                scalars, self.seconds, stop.requested = self.world.agree(scalars, self.seconds, stop.requested)
                reason = instability(scalars, self.model, train) if train.guard else None
                if reason:
                    self.roll_back(reason)
                    sums, interval_start, interval_steps = {}, time.perf_counter(), 0
                    bar.n = self.step
                    continue
                interval_steps += 1
                for key, value in scalars.items():
                    sums[key] = sums.get(key, 0.0) + value
                bar.update(1)
                bar.set_postfix(self.progress_fields(scalars), refresh=False)
                if self.step % train.log_every == 0:
                    self.log(sums, interval_steps, time.perf_counter() - interval_start)
                    sums, interval_start, interval_steps = {}, time.perf_counter(), 0
                if self.step % train.checkpoint_every == 0:
                    self.save()
                    self.write_pictures()
                if self.evaluator and self.step % train.eval_every == 0:
                    self.evaluate()
            bar.close()
            if self.step % train.checkpoint_every != 0:
                self.save()
                self.write_pictures()
        if self.world.is_main:
            write_status(self.run.root, "stopped" if stop.requested else "finished", self.step, self.seconds)
        return TrainResult(self.run, self.step, self.seconds, stop.requested, self.world.is_main)

    def close(self, error: BaseException | None) -> None:
        """Record a crash (the checkpoints before it are intact) and release logs and processes."""
        if error is not None and self.world.is_main and self.owns_folder:
            state = "stopped" if isinstance(error, KeyboardInterrupt) else "crashed"
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            try:
                write_status(self.run.root, state, self.step, self.seconds, reason)
            except GenforgeError:  # a full disk may refuse even this; the error itself is still reported
                pass
        if self.tensorboard:
            self.tensorboard.close()
        self.run.lock.release()
        leave_world(self.world)


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
    """The data folders a run reads: the config's, and those the environment names."""
    found = [("--data-dir", Path(config.data.dir))] if config.data.dir else []
    for variable in ("GENFORGE_DATA", "GENFORGE_CELEBA"):
        if os.environ.get(variable):
            found.append((f"${variable}", Path(os.environ[variable])))
    return found


def train(config: RunConfig, out: str | Path, overwrite: bool = False,
          inputs: Iterable[tuple[str, str | Path]] = ()) -> TrainResult:
    """Start a new run in folder `out`. `inputs` are (flag, path) pairs of what the command reads
    besides the data folder of the config: --overwrite never deletes a folder that holds one."""
    run = RunFolder(Path(out))
    inputs = [*inputs, *data_inputs(config)]
    # The folder is checked before the data loads, and made (and locked) only once it has.
    trainer = Trainer(config, run, claim_folder=lambda: run.check_can_create(overwrite, inputs))

    def start() -> None:
        if trainer.world.is_main:
            run.create(trainer.config, overwrite, inputs)
        trainer.owns_folder = True
        trainer.save()  # step 0: a state the stability guard can always return to

    return run_to_the_end(trainer, start)


def resume(run_path: str | Path, overrides: dict | None = None) -> TrainResult:
    """Continue the run in `run_path` from its newest complete checkpoint."""
    from ..config import build_run_config, merge

    run = RunFolder(Path(run_path))
    config = run.read_config()
    if overrides:
        config = build_run_config(merge(config.to_dict(), overrides))
    trainer = Trainer(config, run, claim_folder=run.take_over)

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
