"""Pipelines: the only layer that loads a run or builds a trainer for a user, and runs its model.
The CLI (and later a local studio) call these and print; the reports render what they return."""

from . import evaluation  # noqa: F401  (lets the metrics score run folders)
from .training import resume, train, training_hooks

__all__ = ["resume", "train", "training_hooks"]
