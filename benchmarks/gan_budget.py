"""GANs at equal CPU time: the textbook DCGAN against genforge's presets and losses.

    .venv/bin/python benchmarks/gan_budget.py [--minutes 10] [--rows textbook,dcgan-fmnist,hinge,wgan-gp,lsgan]

Every row trains for the same wall-clock budget on this machine, one after the other in this one
process, then 10,000 samples are scored against the 10,000 Fashion-MNIST test images with the
shipped fmnist-cnn network (genforge's eval). Rows:
  textbook      benchmarks/textbook_dcgan.py (DataLoader + ToTensor + Normalize, sigmoid + BCELoss)
  dcgan-fmnist  genforge's best preset (DCGAN, non-saturating loss, EMA generator): also the
                non-saturating row of the loss comparison
  hinge         dcgan-fmnist with the hinge loss
  wgan-gp       dcgan-fmnist with WGAN-GP's settings (critic without BatchNorm, GP 10, 5 D steps,
                Adam 1e-4 with betas 0.5/0.9: Gulrajani et al. 2017)
  lsgan         dcgan-fmnist with the least-squares loss
  sngan         the sngan-fmnist preset (ResNet + spectral norm + hinge), optional
  hinge-cond    the hinge-cond-fmnist preset (class-conditional, projection D, TTUR), optional
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from genforge.pipelines.loading import load
from genforge.training.run_config import build_run_config, merge
from genforge.data.image.fashion_mnist import DEFAULT_DIR
from genforge.metrics.image.evaluate import evaluate
from genforge.training.presets import load_preset
from genforge.pipelines import train
from genforge.training import RunFolder

sys.path.insert(0, os.path.dirname(__file__))
from textbook_dcgan import sample_uint8, train_textbook_dcgan  # noqa: E402

METRICS = ["is", "fid", "kid", "pr"]
GENFORGE_ROWS = {
    "dcgan-fmnist": ("dcgan-fmnist", {}),
    "hinge": ("dcgan-fmnist", {"model": {"loss": "hinge"}}),
    "wgan-gp": ("dcgan-fmnist", {"model": {"name": "wgan-gp", "lr": 1e-4, "betas": [0.5, 0.9]}}),
    "lsgan": ("dcgan-fmnist", {"model": {"loss": "least-squares"}}),
    "sngan": ("sngan-fmnist", {}),
    "hinge-cond": ("hinge-cond-fmnist", {}),
}


def train_and_sample(preset: str, overrides: dict, minutes: float, out: Path) -> tuple[Path, dict]:
    """Train `preset` with `overrides` for `minutes` of wall time in `out`; 10,000 samples as .npz."""
    quiet = {"train": {"steps": None, "minutes": minutes, "checkpoint_every": 1_000_000, "log_every": 100}}
    config = build_run_config(merge(merge(load_preset(preset), overrides), quiet))
    result = train(config, out)
    images = load(out).sample(10_000, seed=0)
    path = out.with_suffix(".npz")
    np.savez(path, images=images.permute(0, 2, 3, 1).numpy())
    records = RunFolder(out).read_metrics()
    return path, {"steps": result.step, "seconds": result.seconds,
                  "images_per_second": result.step * config.train.batch_size / result.seconds,
                  "rollbacks": sum(1 for r in records if r.get("event") == "rollback")}


def genforge_row(name: str, minutes: float, scratch: Path) -> tuple[Path, dict]:
    preset, overrides = GENFORGE_ROWS[name]
    return train_and_sample(preset, overrides, minutes, scratch / name)


def textbook_row(minutes: float, scratch: Path) -> tuple[Path, dict]:
    generator, stats = train_textbook_dcgan(Path(os.environ.get("GENFORGE_DATA", DEFAULT_DIR)), scratch, minutes)
    path = scratch / "textbook.npz"
    np.savez(path, images=sample_uint8(generator, 10_000).permute(0, 2, 3, 1).numpy())
    return path, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="training budget per row")
    parser.add_argument("--rows", default="textbook,dcgan-fmnist,hinge,wgan-gp,lsgan")
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {args.minutes:g} min of training per row\n")
    print("| row | steps | images/s | FID | IS | KID | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for row in args.rows.split(","):
            started = time.perf_counter()
            samples, stats = textbook_row(args.minutes, scratch) if row == "textbook" else \
                genforge_row(row, args.minutes, scratch)
            values = evaluate(str(samples), "fashion-mnist:test", METRICS, "fmnist", seed=0).values
            note = f" ({stats['rollbacks']} rollbacks)" if stats.get("rollbacks") else ""
            print(f"| {row}{note} | {stats['steps']} | {stats['images_per_second']:.0f} | "
                  f"{values['FID[fmnist-cnn]']:.2f} | {values['IS[fmnist-cnn]']:.2f} | {values['KID[fmnist-cnn]']:.4f} | "
                  f"{values['precision[fmnist-cnn]']:.3f} | {values['recall[fmnist-cnn]']:.3f} |", flush=True)
            print(f"<!-- {row}: {time.perf_counter() - started:.0f} s in all -->", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
