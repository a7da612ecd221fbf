"""Short equal-time runs of dcgan-fmnist variants: how the preset's settings were chosen.

    .venv/bin/python benchmarks/gan_sweep.py [--minutes 4] [--variants base,lr4,beta0,...]

Each variant is the dcgan-fmnist preset with a few overrides, trained for the same wall-clock
budget, then 10,000 EMA samples are scored against the Fashion-MNIST test split with fmnist-cnn.
Step counts vary by about 10% between runs on a 2-core machine, so differences under ~0.5 FID at
4 minutes are noise. The figures in the README's GAN section came from these variants with the
preset as it was then (Adam 2e-4, betas 0.5/0.999); `paper` reproduces that starting point.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import torch

from genforge.metrics.evaluate import evaluate

sys.path.insert(0, os.path.dirname(__file__))
from gan_budget import train_and_sample  # noqa: E402

PAPER = {"lr": 2e-4, "betas": [0.5, 0.999]}  # Radford et al. 2016, the preset before session 3
VARIANTS = {
    "base": {},
    "paper": {"model": PAPER},
    "paper-ema9999": {"model": {**PAPER, "ema_decay": 0.9999}},
    "paper-ema9995": {"model": {**PAPER, "ema_decay": 0.9995}},
    "paper-beta0": {"model": {**PAPER, "betas": [0.0, 0.99]}},
    "paper-ttur": {"model": {**PAPER, "generator_lr": 1e-4, "discriminator_lr": 4e-4}},
    "paper-lr4": {"model": {**PAPER, "lr": 4e-4}},
    "paper-lr8": {"model": {**PAPER, "lr": 8e-4}},
    "paper-hinge": {"model": {**PAPER, "loss": "hinge"}},
    "paper-lr4-hinge": {"model": {**PAPER, "lr": 4e-4, "loss": "hinge"}},
    "paper-lr8-hinge": {"model": {**PAPER, "lr": 8e-4, "loss": "hinge"}},
    "paper-inductor": {"model": PAPER, "train": {"compile": "inductor"}},
    "hinge": {"model": {"loss": "hinge"}},
    "batch16": {"train": {"batch_size": 16}},
    "decay": {"train": {"lr_decay": "linear"}},
    "hinge-decay": {"model": {"loss": "hinge"}, "train": {"lr_decay": "linear"}},
    "batch16-decay": {"train": {"batch_size": 16, "lr_decay": "linear"}},
    "g64-decay": {"model": {"generator_width": 64}, "train": {"lr_decay": "linear"}},
    "cond": {"model": {"conditional": True}},
    "cond-hinge": {"model": {"conditional": True, "loss": "hinge"}},
    "lr8": {"model": {"lr": 8e-4}},
    "batch16-lr2": {"model": {"lr": 2e-4}, "train": {"batch_size": 16}},
    "cl": {"train": {"channels_last": True}},
    "cl-lr8": {"model": {"lr": 8e-4}, "train": {"channels_last": True}},
    "cl-sn-hinge": {"model": {"loss": "hinge", "spectral_norm": True, "discriminator_norm": "none"},
                    "train": {"channels_last": True}},
    "cl-lr16": {"model": {"lr": 1.6e-3}, "train": {"channels_last": True}},
    "cl-lr8-batch16": {"model": {"lr": 8e-4}, "train": {"channels_last": True, "batch_size": 16}},
    "cl-lr8-ema9995": {"model": {"lr": 8e-4, "ema_decay": 0.9995}, "train": {"channels_last": True}},
    "cl-lr8-beta09": {"model": {"lr": 8e-4, "betas": [0.0, 0.9]}, "train": {"channels_last": True}},
    "cl-lr8-hinge": {"model": {"lr": 8e-4, "loss": "hinge"}, "train": {"channels_last": True}},
    "cl-g16-d8": {"model": {"generator_lr": 1.6e-3, "discriminator_lr": 8e-4}, "train": {"channels_last": True}},
    "cl-lr8-mbstd": {"model": {"lr": 8e-4, "minibatch_std": True}, "train": {"channels_last": True}},
    "cl-lr8-hinge-mbstd": {"model": {"lr": 8e-4, "loss": "hinge", "minibatch_std": True},
                           "train": {"channels_last": True}},
    "ema9999-decay": {"model": {"ema_decay": 0.9999}, "train": {"lr_decay": "linear"}},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--variants", default="paper,base,hinge", help=f"comma-separated, from {', '.join(VARIANTS)}")
    args = parser.parse_args()
    print("| variant | steps | FID | IS | precision | recall |\n|---|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for name in args.variants.split(","):
            samples, stats = train_and_sample("dcgan-fmnist", VARIANTS[name], args.minutes, Path(folder) / name)
            v = evaluate(str(samples), "fashion-mnist:test", ["fid", "is", "pr"], "fmnist", seed=0).values
            print(f"| {name} | {stats['steps']} | {v['FID[fmnist-cnn]']:.2f} | {v['IS[fmnist-cnn]']:.2f} | "
                  f"{v['precision[fmnist-cnn]']:.3f} | {v['recall[fmnist-cnn]']:.3f} |", flush=True)


if __name__ == "__main__":
    torch.set_num_threads(os.cpu_count() or 1)
    main()
