"""The flag every command that loads a trained run shares: which of its checkpoints to load."""

from __future__ import annotations


def add_checkpoint_argument(parser) -> None:
    parser.add_argument("--checkpoint", metavar="NAME|FOLDER",
                        help="best (the lowest validation loss or FID that training measured, kept as "
                             "checkpoints/best), a name such as step-00000500, or the path of one of the run's "
                             "checkpoint folders (default: the run's newest)")
