"""The training loop, checkpoints and run folders. `train` and `resume` here run the bare loop with
the hooks they are given; genforge.pipelines.train/resume add the modality's and the metrics'."""

from .callbacks import Callback, TrainingHooks
from .loop import TrainResult, Trainer
from .run_folder import RunFolder
from .runs import resume, train

__all__ = ["Callback", "RunFolder", "TrainResult", "Trainer", "TrainingHooks", "resume", "train"]
