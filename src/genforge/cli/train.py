"""`genforge train`: start a run, or continue one with --resume."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from ..training.run_config import build_run_config, merge
from .data_flags import add_source_arguments, flag_that_set, preset_and_config, source_overrides

if TYPE_CHECKING:
    from ..training.loop import TrainResult

# flag -> (section, key) of the run config; the data source's flags are in data_flags.py
FLAG_TARGETS = {
    "model": ("model", "name"),
    "lr": ("model", "lr"),
    "lr_decay": ("train", "lr_decay"),
    "cache": ("data", "cache"),
    "max_images": ("data", "max_images"),
    "mirror": ("data", "mirror"),
    "steps": ("train", "steps"),
    "minutes": ("train", "minutes"),
    "batch_size": ("train", "batch_size"),
    "seed": ("train", "seed"),
    "device": ("train", "device"),
    "precision": ("train", "precision"),
    "channels_last": ("train", "channels_last"),
    "compile": ("train", "compile"),
    "sync_batchnorm": ("train", "sync_batchnorm"),
    "tensorboard": ("train", "tensorboard"),
    "checkpoint_every": ("train", "checkpoint_every"),
    "log_every": ("train", "log_every"),
    "eval_every": ("train", "eval_every"),
    "eval_samples": ("train", "eval_samples"),
}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("train", help="train a model", description=__doc__)
    add_source_arguments(parser)
    parser.add_argument("--model", help="model family, e.g. dcgan or vae")
    parser.add_argument("--no-cache", dest="cache", action="store_const", const=False,
                        help="photos: decode every batch from the files instead of the uint8 cache")
    parser.add_argument("--max-images", type=int, metavar="N",
                        help="train on N images of the split (a fixed random choice, the same in every run)")
    parser.add_argument("--mirror", action=argparse.BooleanOptionalAction,
                        help="x-flip augmentation: each drawn image is flipped left-right with probability 1/2 "
                             "(--no-mirror turns off a preset's)")
    parser.add_argument("--out", help="run folder to create (default: runs/MODEL-TIMESTAMP)")
    parser.add_argument("--steps", type=int, help="stop after N steps")
    parser.add_argument("--minutes", type=float, help="stop after M minutes of training")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--lr", type=float, help="learning rate (of every optimizer of the model)")
    parser.add_argument("--lr-decay", choices=["none", "linear"], help="linear: rates fall to 0 at the end of the budget")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--device", help="cpu, cuda or cuda:N")
    parser.add_argument("--precision", choices=["fp32", "bf16", "fp16"], help="autocast dtype (fp16 adds a gradient scaler)")
    parser.add_argument("--channels-last", action="store_const", const=True, help="NHWC memory layout (GPUs)")
    parser.add_argument("--compile", metavar="BACKEND", nargs="?", const="inductor",
                        help="torch.compile the networks (default backend: inductor)")
    parser.add_argument("--sync-batchnorm", action="store_const", const=True,
                        help="torchrun on GPUs: BatchNorm over the global batch")
    parser.add_argument("--checkpoint-every", type=int, metavar="K", help="checkpoint and sample grid every K steps")
    parser.add_argument("--log-every", type=int, metavar="K", help="a metrics.jsonl line every K steps")
    parser.add_argument("--eval-every", type=int, metavar="K", help="FID every K steps; keeps checkpoints/best")
    parser.add_argument("--eval-samples", type=int, metavar="N", help="generated images per FID during training (5000)")
    parser.add_argument("--tensorboard", action="store_const", const=True, help="also log to RUN/tb for TensorBoard")
    parser.add_argument("--resume", metavar="RUN", help="continue the run in folder RUN from its newest checkpoint")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing run folder given by --out")
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
