"""The training loop, checkpoints and run folders."""

from .loop import TrainResult, resume, train
from .run_folder import RunFolder

__all__ = ["RunFolder", "TrainResult", "resume", "train"]
