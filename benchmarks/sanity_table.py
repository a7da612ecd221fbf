"""The metric sanity table: real vs real, degenerate sets vs real, and a trained run in between.

    .venv/bin/python benchmarks/sanity_table.py [--run runs/demo] [--extractor fmnist]

Every row is 10,000 images against the 10,000 Fashion-MNIST test images, all four metrics.
"""

from __future__ import annotations

import argparse
import os
import tempfile

import numpy as np

from genforge.metrics.image.evaluate import evaluate
from genforge.metrics.image.sources import load_source

METRICS = ["is", "fid", "kid", "pr"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="append", default=[], help="a run folder to score (repeatable)")
    parser.add_argument("--extractor", default="fmnist")
    args = parser.parse_args()
    test = load_source("fashion-mnist:test", None, 0).images
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        noise, repeated = os.path.join(folder, "noise.npz"), os.path.join(folder, "one-image.npz")
        np.savez(noise, images=rng.integers(0, 256, size=(10_000, 28, 28, 1), dtype=np.uint8))
        np.savez(repeated, images=np.repeat(test[:1].permute(0, 2, 3, 1).numpy(), 10_000, axis=0))
        rows = [("train split (10k subset)", "fashion-mnist:train"), ("test split itself", "fashion-mnist:test"),
                ("uniform noise", noise), ("one test image x 10k", repeated)]
        rows += [(f"run {run}", run) for run in args.run]
        header = None
        for label, spec in rows:
            result = evaluate(spec, "fashion-mnist:test", METRICS, args.extractor, seed=1)
            values = {k: v for k, v in result.values.items() if not k.endswith(" std")}
            if header is None:
                header = list(values)
                print("| images vs Fashion-MNIST test | " + " | ".join(header) + " |")
                print("|---|" + "---:|" * len(header))
            print(f"| {label} | " + " | ".join(f"{values[name]:.4g}" for name in header) + " |", flush=True)


if __name__ == "__main__":
    main()
