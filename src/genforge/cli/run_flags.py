"""The flag every command that loads a trained run shares: which of its checkpoints to load."""

from __future__ import annotations

import argparse


def checkpoint_choice(text: str) -> str:
    """--checkpoint's value: an empty one is refused (it would quietly mean the newest checkpoint)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name: give best, a name such as step-00000500 or a checkpoint "
                                         "folder of the run, or leave the flag out for the newest checkpoint")
    return text


def add_checkpoint_argument(parser) -> None:
    parser.add_argument("--checkpoint", metavar="NAME|FOLDER", type=checkpoint_choice,
                        help="best (the lowest validation loss or FID that training measured, kept as "
                             "checkpoints/best), a name such as step-00000500, or the path of one of the run's "
                             "checkpoint folders (default: the run's newest)")
