"""The Trainer's checkpoints: the complete training state written, read back, and returned to by
the stability guard. A mixin of the Trainer (loop.py), which owns the state it saves."""

from __future__ import annotations

from tqdm import tqdm

from ..core.errors import GenforgeError
from .checkpoint_files import BEST, Checkpoint, prune, read_state, step_name, write_checkpoint
from .checkpoint_schema import CorruptCheckpoint
from .guard import scale_learning_rates
from .state import (capture_rng_states, module_tensors, optimizer_from_tensors_and_json,
                    optimizer_to_tensors_and_json, restore_rng_states)
from .status import write_status


class TrainingDiverged(GenforgeError):
    """The stability guard gave up; exit code 1, since the input was fine but training was not."""

    exit_code = 1


class Checkpointing:
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
        assets = self.model.assets()
        if assets:
            state["assets"] = assets
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

    def save_best(self, metric_values: dict[str, float]) -> None:
        """The current state as checkpoints/best, recording the evaluation that made it the best."""
        tensors, state = self.snapshot()
        write_checkpoint(self.run.checkpoints, BEST, tensors, {**state, "best": metric_values})

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

    def record_skipped_files(self) -> None:
        """RUN/skipped-files.txt, rewritten when the data source has found more unusable files."""
        skipped = getattr(self.data, "skipped", ())
        if len(skipped) != self.skipped_recorded:
            self.run.record_skipped_files(skipped)
            self.skipped_recorded = len(skipped)

    def restore(self, checkpoint: Checkpoint) -> None:
        path = checkpoint.path
        checkpoint.load_model(self.model)
        for name, optimizer in self.optimizers.items():
            try:
                optimizer_from_tensors_and_json(optimizer, name, checkpoint.tensors, checkpoint.state["optimizers"][name])
            except (KeyError, ValueError, TypeError) as error:  # another family's optimisers, other groups or shapes
                raise CorruptCheckpoint(f"{path}: its {name} optimiser state does not fit these settings ({error})",
                                        "keep the model options the run was made with") from None
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
