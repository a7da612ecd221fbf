"""Short equal-time runs of dcgan-fmnist variants: how the preset's settings were chosen.

    .venv/bin/python benchmarks/gan_sweep.py [--minutes 4] [--variants cl8ema-extra1,cl8ema-extra2,...]

Each variant is the dcgan-fmnist preset with a few overrides, trained for the same wall-clock
budget, then 10,000 EMA samples are scored against the Fashion-MNIST test split with fmnist-cnn.
Step counts vary by about 10% between runs on a 2-core machine, so differences under ~0.5 FID at
4 minutes are noise. The figures in the README's GAN section came from these variants; `paper`,
`lr4-beta0`, `cl` and `s4` spell out the preset as it was when each sweep ran.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import torch

from genforge.metrics.image.evaluate import evaluate

sys.path.insert(0, os.path.dirname(__file__))
from gan_budget import train_and_sample  # noqa: E402

def on(base: dict, model: dict | None = None, train: dict | None = None) -> dict:
    """`base` overrides with more model and train settings on top."""
    return {"model": {**base["model"], **(model or {})}, "train": {**base["train"], **(train or {})}}


# The preset as it stood when each sweep ran, spelled out so the variants keep meaning what they
# meant when the preset moves on.
PAPER = {"model": {"lr": 2e-4, "betas": [0.5, 0.999], "ema_decay": 0.999,  # Radford et al. 2016;
                   "extra_layers": 0},                                         # the first preset
         "train": {"channels_last": False}}
LR4_BETA0 = on(PAPER, {"lr": 4e-4, "betas": [0.0, 0.99]})  # the second preset: Adam 4e-4, beta1 = 0
CHANNELS_LAST = on(LR4_BETA0, train={"channels_last": True})  # the third sweep's starting point
CL8_EMA = on(CHANNELS_LAST, {"lr": 8e-4, "ema_decay": 0.9995})  # the third preset (with cl8ema-extra2: the preset today)
VARIANTS = {
    "base": {},  # the preset as it is now
    # The first sweep, from the paper's optimiser
    "paper": PAPER,
    "paper-ema9999": on(PAPER, {"ema_decay": 0.9999}),
    "paper-ema9995": on(PAPER, {"ema_decay": 0.9995}),
    "paper-beta0": on(PAPER, {"betas": [0.0, 0.99]}),
    "paper-ttur": on(PAPER, {"generator_lr": 1e-4, "discriminator_lr": 4e-4}),
    "paper-lr4": on(PAPER, {"lr": 4e-4}),
    "paper-lr8": on(PAPER, {"lr": 8e-4}),
    "paper-hinge": on(PAPER, {"loss": "hinge"}),
    "paper-lr4-hinge": on(PAPER, {"lr": 4e-4, "loss": "hinge"}),
    "paper-lr8-hinge": on(PAPER, {"lr": 8e-4, "loss": "hinge"}),
    "paper-inductor": on(PAPER, train={"compile": "inductor"}),
    "lr4-beta0": LR4_BETA0,
    "lr4-beta0-hinge": on(LR4_BETA0, {"loss": "hinge"}),
    # The second sweep, from the second preset
    "lr4-beta0-decay": on(LR4_BETA0, train={"lr_decay": "linear"}),
    "lr4-beta0-cond": on(LR4_BETA0, {"conditional": True}),
    "cl": CHANNELS_LAST,
    "cl-lr8": on(CHANNELS_LAST, {"lr": 8e-4}),
    "cl-lr16": on(CHANNELS_LAST, {"lr": 1.6e-3}),
    "cl-lr8-ema9995": on(CHANNELS_LAST, {"lr": 8e-4, "ema_decay": 0.9995}),  # the third preset
    "cl-lr8-hinge": on(CHANNELS_LAST, {"lr": 8e-4, "loss": "hinge"}),
    "cl-lr8-beta09": on(CHANNELS_LAST, {"lr": 8e-4, "betas": [0.0, 0.9]}),
    "cl-g16-d8": on(CHANNELS_LAST, {"generator_lr": 1.6e-3, "discriminator_lr": 8e-4}),
    "cl-lr8-batch16": on(CHANNELS_LAST, {"lr": 8e-4}, {"batch_size": 16}),
    "cl-lr8-mbstd": on(CHANNELS_LAST, {"lr": 8e-4, "minibatch_std": True}),
    "cl-lr8-hinge-mbstd": on(CHANNELS_LAST, {"lr": 8e-4, "loss": "hinge", "minibatch_std": True}),
    "cl-sn-hinge": on(CHANNELS_LAST, {"loss": "hinge", "spectral_norm": True, "discriminator_norm": "none"}),
    # The third sweep, from the third preset
    "cl8ema-translation": on(CL8_EMA, {"diffaugment": "translation"}),
    "cl8ema-g48": on(CL8_EMA, {"generator_width": 48}),
    "cl8ema-d24": on(CL8_EMA, {"discriminator_width": 24}),
    "cl8ema-g48-d24": on(CL8_EMA, {"generator_width": 48, "discriminator_width": 24}),
    "cl8ema-batch64": on(CL8_EMA, train={"batch_size": 64}),
    "cl8ema-batch64-lr16": on(CL8_EMA, {"lr": 1.6e-3}, {"batch_size": 64}),
    "cl8ema-extra1": on(CL8_EMA, {"extra_layers": 1}),
    "cl8ema-extra2": on(CL8_EMA, {"extra_layers": 2}),
    "cl8ema-extra3": on(CL8_EMA, {"extra_layers": 3}),
    "cl8ema-extra4": on(CL8_EMA, {"extra_layers": 4}),
    "cl8ema-extra2-relativistic": on(CL8_EMA, {"extra_layers": 2, "loss": "relativistic"}),
    "s4-r1": on(CL8_EMA, {"r1_penalty": 0.1}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--variants", default="cl8ema-extra1,base", help=f"comma-separated, from {', '.join(VARIANTS)}")
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
