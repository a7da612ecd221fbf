"""Pipelines: the only layer that loads a run or builds a trainer for a user, and runs its model.
The CLI (and later a local studio) call these and print; the reports render what they return."""

from .handlers import import_modality_packages
from .training import resume, train, training_hooks


import_modality_packages()  # each modality's handler, and the readers that let the metrics score run folders

__all__ = ["resume", "train", "training_hooks"]
