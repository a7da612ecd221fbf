"""`genforge train`: start a run, or continue one with --resume."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..training.run_config import build_run_config, merge
from ..training.flags import TRAINING_FLAGS, add_training_arguments
from .data_flags import add_source_arguments, flag_that_set, preset_and_config, source_overrides

if TYPE_CHECKING:
    from ..training.loop import TrainResult

# flag -> (section, key) of the run config, beside the training flags (training/flags.py); the data
# sources' flags are contributed by their packages (cli/data_flags.py)
FLAG_TARGETS = {"model": ("model", "name"), **{flag.dest: (flag.section, flag.key) for flag in TRAINING_FLAGS}}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("train", help="train a model", description=__doc__)
    add_source_arguments(parser)
    parser.add_argument("--model", help="model family, e.g. dcgan or vae")
    parser.add_argument("--out", help="run folder to create (default: runs/MODEL-TIMESTAMP)")
    parser.add_argument("--resume", metavar="RUN", help="continue the run in folder RUN from its newest checkpoint")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing run folder given by --out")
    add_training_arguments(parser)
    parser.set_defaults(run=run)


def overrides_from_flags(args) -> dict:
    overrides: dict = {}
    for flag, (section, key) in FLAG_TARGETS.items():
        value = getattr(args, flag)
        if value is not None:
            overrides.setdefault(section, {})[key] = value
    data = source_overrides(args)
    if data:
        overrides.setdefault("data", {}).update(data)
    train_flags = overrides.get("train", {})
    # The budget flag given on the command line decides: --minutes alone trains for that long.
    if "minutes" in train_flags and "steps" not in train_flags:
        train_flags["steps"] = None
    if "steps" in train_flags and "minutes" not in train_flags:
        train_flags["minutes"] = None
    return overrides


def report(result: "TrainResult") -> None:
    if not result.is_main:
        return
    run = result.run
    state = "stopped early" if result.interrupted else "finished"
    print(f"Training {state} at step {result.step} after {result.seconds / 60:.1f} min of training.")
    print(f"  {'run folder:':<20}{run.root}")
    for label, path in (result.files or {}).items():
        print(f"  {label + ':':<20}{path}")
    print(f"  {'metrics:':<20}{run.metrics_path}")
    if result.interrupted:
        print(f"  continue with:      genforge train --resume {run.root}")


def run(args) -> int:
    overrides = overrides_from_flags(args)
    if args.resume:
        from ..pipelines import resume

        result = resume(args.resume, overrides)
    else:
        from_files = preset_and_config(args)
        # The files' own values are checked too, also those a flag then replaces (--minutes drops steps).
        build_run_config(from_files, cross_checks=False)
        config = build_run_config(merge(from_files, overrides))
        # Imported once the config is read: a config error answers without importing torch.
        from ..pipelines import train

        out = args.out or f"runs/{config.model.name}-{time.strftime('%Y%m%d-%H%M%S')}"
        # What --overwrite must never replace: the config file, and every path the data source reads
        # (its config declares them), named by the flag that gave it.
        inputs = [("--config", args.config)] if args.config else []
        inputs += [(flag_that_set(args, key), path) for key, path in config.data.input_paths().items()]
        result = train(config, out, overwrite=args.overwrite, inputs=inputs)
    report(result)
    return 130 if result.interrupted else 0
