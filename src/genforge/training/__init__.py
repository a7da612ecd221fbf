"""The training loop, checkpoints and run folders. `train` and `resume` here run the bare loop with
the hooks they are given; genforge.pipelines.train/resume add the modality's and the metrics'.

The names load on first use (PEP 562), so that `genforge.training.train_config` (read with every run
config) costs neither torch nor the loop."""

import importlib

EXPORTS = {"RunFolder": ".run_folder", "TrainResult": ".loop", "Trainer": ".loop", "resume": ".runs", "train": ".runs",
           "Callback": "..core.callbacks", "TrainingHooks": "..core.callbacks"}

__all__ = sorted(EXPORTS)


def __getattr__(name: str):
    if name in EXPORTS:
        return getattr(importlib.import_module(EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
