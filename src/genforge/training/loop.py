"""The one training loop. It knows time, batches, checkpoints and logs, and nothing about any model
or modality: each family's `train_step` does the maths (models/base.py), the dataset hands out
Batches (core/batch.py), and previews, augmentation and evaluation come in as callbacks
(callbacks.py) from the layers above."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from tqdm import tqdm

from .batch_schedule import BatchSchedule
from .run_config import RunConfig
from ..core import Batch
from ..data import load_dataset
from ..core.errors import ConfigError, GenforgeError
from ..models import GenerativeModel, build_model
from ..core.callbacks import TrainingHooks
from .loop_checkpoints import Checkpointing, TrainingDiverged  # noqa: F401  (TrainingDiverged: raised from here)
from .devices import check_double_backward, check_precision, resolve_device
from .distributed import join_world, leave_world, synchronise_batchnorm, trainable_networks, wrap_in_data_parallel
from .guard import instability, scale_learning_rates
from .run_folder import RunFolder
from .status import write_status
from .step_engine import StepEngine
from .stop_signals import StopSignals
from .tensorboard import TensorBoardLog


@dataclass
class TrainResult:
    run: RunFolder
    step: int
    seconds: float
    interrupted: bool
    is_main: bool = True  # False in torchrun's other processes, which print nothing
    files: dict | None = None  # what the callbacks wrote for the user to open, by label


def fit_model_to_data(config: RunConfig, data) -> RunConfig:
    """The run's config with the model fitted to the dataset's spec (image size, vocabulary...)."""
    return RunConfig(model=config.model.fitted_to(data.spec), data=config.data, train=config.train)


class Trainer(Checkpointing):
    def __init__(self, config: RunConfig, run: RunFolder, claim_folder: Callable[[], None] | None = None,
                 hooks: TrainingHooks | None = None):
        """`claim_folder` runs in the main process before any data loads: the run folder's checks
        and lock, so a refused folder costs no data loading and a second writer is refused at once."""
        self.run = run
        self.hooks = hooks or TrainingHooks()
        self.world, self.device = join_world(resolve_device(config.train.device))
        check_precision(self.device, config.train.precision)
        if claim_folder is not None and self.world.is_main:
            claim_folder()
        try:
            self.set_up(config)
        except BaseException:
            run.lock.release()  # the loop never started: let the next attempt have the run at once
            leave_world(self.world)
            raise

    def set_up(self, config: RunConfig) -> None:
        """The data, the model and its optimisers, the step engine, the callbacks and the run's logs."""
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
        self.callbacks = self.hooks.callbacks(self.config, self.data)
        self.model: GenerativeModel = build_model(self.config.model).to(self.device)
        self.model.load_assets(self.data.spec.assets())
        self.prepare_networks()
        averaged_by_ddp = wrap_in_data_parallel(self.model, self.world, self.device)
        self.optimizers = self.model.build_optimizers()
        self.base_rates = {name: [group["lr"] for group in opt.param_groups] for name, opt in self.optimizers.items()}
        self.lr_scale = 1.0  # lowered by the stability guard at each rollback
        self.rollbacks = 0
        self.engine = StepEngine(self.device, train.precision, self.world, averaged_by_ddp)
        # Small datasets move to the device once; file-backed ones are read a batch at a time.
        self.feed = self.data.on_device(self.device)
        streams = self.data.spec.streams
        sizes = len(self.data) if len(streams) == 1 else {name: self.data.stream_length(name) for name in streams}
        self.schedule = BatchSchedule(sizes, train.batch_size, train.seed, items=self.data.spec.item_name)
        self.step = 0
        self.seconds = 0.0  # training wall time, summed over resumes
        self.tensorboard = TensorBoardLog(self.run.root) if train.tensorboard and self.world.is_main else None
        self.owns_folder = False  # set once this trainer has created or resumed the run folder
        self.skipped_recorded = 0

    def prepare_networks(self) -> None:
        """The run's device options: synchronised BatchNorm, torch.compile, and the callbacks' own."""
        train = self.config.train
        check_double_backward(self.model, train, self.world.distributed)
        if train.sync_batchnorm:
            synchronise_batchnorm(self.model, self.world, self.device)
        for callback in self.callbacks:
            callback.on_model(self)
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

    def next_batch(self) -> Batch:
        """This process's share of the step's batch, on the device, after the callbacks' augmentation."""
        indices = {name: self.world.shard(index) for name, index in self.schedule.batch_indices(self.step).items()}
        batch = self.feed.take(indices.popitem()[1] if len(indices) == 1 else indices).to(self.device, non_blocking=True)
        for callback in self.callbacks:
            batch = callback.on_batch(self, batch)
        return batch

    def train_one_step(self) -> tuple[dict[str, float], int]:
        """One step: (the model's scalars, the units of throughput it consumed in all processes)."""
        if self.config.train.lr_decay != "none":
            self.set_learning_rates()
        self.separate_rng_streams()
        batch = self.next_batch()
        scalars = self.model.train_step(batch, self.optimizers, self.engine)
        self.step += 1
        return scalars, self.hooks.units_in(batch) * self.world.size

    def progress_fields(self, scalars: dict[str, float]) -> dict[str, str]:
        """The latest losses, and the time left when the budget is in minutes (tqdm's ETA needs a step total)."""
        fields = {key: f"{value:.3f}" for key, value in scalars.items() if not key.startswith("grad_norm")}
        minutes = self.config.train.minutes
        if minutes is not None and self.config.train.steps is None:
            left = max(0, int(60 * minutes - self.seconds))
            fields["left"] = f"{left // 60}:{left % 60:02d}"
        return fields

    def log(self, sums: dict[str, float], steps: int, units: int, elapsed: float) -> None:
        """Append the interval's mean scalars and throughput (images/s, tokens/s, over the time spent
        in train steps, as `seconds` counts it: checkpoints and previews are not training) to metrics.jsonl."""
        self.record({
            "step": self.step, "seconds": round(self.seconds, 3),
            f"{self.hooks.unit}s_per_second": round(units / elapsed, 2),
            **{key: total / steps for key, total in sums.items()}})

    def record(self, values: dict) -> None:
        """One line of metrics.jsonl (rank 0 only), mirrored to TensorBoard when asked for."""
        if not self.world.is_main:
            return
        self.run.append_metrics(values)
        if self.tensorboard:
            self.tensorboard.scalars(values["step"], values)

    def checkpoint(self) -> None:
        self.save()
        if self.world.is_main:
            for callback in self.callbacks:
                callback.on_checkpoint(self)

    def run_loop(self) -> TrainResult:
        train = self.config.train
        bar = tqdm(total=train.steps, initial=self.step, unit="step", dynamic_ncols=True,
                   desc=self.run.root.name, disable=None if self.world.is_main else True)
        sums: dict[str, float] = {}
        interval_seconds, interval_steps, interval_units = 0.0, 0, 0
        with StopSignals() as stop:
            while not self.finished() and not stop.requested:
                started = time.perf_counter()
                scalars, units = self.train_one_step()
                step_seconds = time.perf_counter() - started
                self.seconds += step_seconds
                scalars, self.seconds, stop.requested = self.world.agree(scalars, self.seconds, stop.requested)
                reason = instability(scalars, self.model, train) if train.guard else None
                if reason:
                    self.roll_back(reason)
                    sums, interval_seconds, interval_steps, interval_units = {}, 0.0, 0, 0
                    bar.n = self.step
                    continue
                interval_steps, interval_units = interval_steps + 1, interval_units + units
                interval_seconds += step_seconds
                for key, value in scalars.items():
                    sums[key] = sums.get(key, 0.0) + value
                bar.update(1)
                bar.set_postfix(self.progress_fields(scalars), refresh=False)
                if self.step % train.log_every == 0:
                    self.log(sums, interval_steps, interval_units, interval_seconds)
                    sums, interval_seconds, interval_steps, interval_units = {}, 0.0, 0, 0
                if self.step % train.checkpoint_every == 0:
                    self.checkpoint()
                if self.world.is_main:
                    for callback in self.callbacks:
                        callback.after_step(self)
            bar.close()
            if self.step % train.checkpoint_every != 0:
                self.checkpoint()
        if self.world.is_main:
            write_status(self.run.root, "stopped" if stop.requested else "finished", self.step, self.seconds)
        files = {label: path for callback in self.callbacks for label, path in callback.files(self).items()}
        return TrainResult(self.run, self.step, self.seconds, stop.requested, self.world.is_main, files)

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
