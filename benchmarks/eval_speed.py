"""Seconds to compute IS, FID, KID and precision/recall for 10,000 generated vs 10,000 real images.

    .venv/bin/python benchmarks/eval_speed.py [--fake SOURCE] [--inception-images 200]

fmnist-cnn: the whole job is timed (features of both sets, cold cache, then the four metrics);
generation is excluded, so the "generated" set is any image source (default: 10,000 training
images). Inception-v3 with random weights (the real network's cost, meaningless values): its
feature extraction is timed on --inception-images images and scaled to 20,000, and the four
metrics are timed on 10,000 + 10,000 of its 2048-d features; the row says which parts were scaled.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import torch

from genforge.metrics.image.engine import compute_metrics
from genforge.metrics.image.evaluate import FeatureComputer
from genforge.metrics.image.inception_random import random_inception_state_dict
from genforge.metrics.image.sources import load_source

METRICS = ["is", "fid", "kid", "pr"]
COUNT = 10_000


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def fmnist_row(fake_spec: str) -> str:
    fake = load_source(fake_spec, COUNT, seed=1).images
    real = load_source("fashion-mnist:test", COUNT, seed=0).images
    start = time.perf_counter()
    computer = FeatureComputer("fmnist", {})
    fake_features, real_features = computer.features(fake), computer.features(real)
    features_seconds = time.perf_counter() - start
    (values, _), metric_seconds = timed(compute_metrics, METRICS, computer.extractor, fake_features, real_features)
    total = features_seconds + metric_seconds
    return (f"| fmnist-cnn | {fake.shape[0]:,} vs {real.shape[0]:,} | {features_seconds:.1f} | {metric_seconds:.1f} "
            f"| **{total:.1f}** (measured) | FID {values['FID[fmnist-cnn]']:.2f} |")


def inception_row(images_timed: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("GENFORGE_CACHE", folder)
        weights = os.path.join(folder, "random-inception.pth")
        torch.save(random_inception_state_dict(), weights)
        computer = FeatureComputer("inception", {"inception_weights": weights})
        images = load_source("fashion-mnist:test", images_timed, seed=0).images
        _, seconds = timed(computer.features, images)
        per_image = seconds / images_timed
        generator = torch.Generator().manual_seed(0)
        fake = {layer: torch.rand(COUNT, dim, generator=generator) for layer, dim in (("2048", 2048), ("logits_unbiased", 1008))}
        real = {layer: torch.rand(COUNT, dim, generator=generator) for layer, dim in (("2048", 2048), ("logits_unbiased", 1008))}
        _, metric_seconds = timed(compute_metrics, METRICS, computer.extractor, fake, real)
    features_seconds = per_image * 2 * COUNT
    return (f"| inception-v3 (random weights) | {COUNT:,} vs {COUNT:,} | {features_seconds:.0f} "
            f"(scaled from {images_timed} images, {per_image * 1000:.0f} ms/image) | {metric_seconds:.1f} "
            f"| **{features_seconds + metric_seconds:.0f}** (features scaled, metrics measured) | - |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", default="fashion-mnist:train", help="stand-in for generated images")
    parser.add_argument("--inception-images", type=int, default=200)
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs\n")
    print("| extractor | images | features (s) | IS+FID+KID+PR (s) | total (s) | check |")
    print("|---|---|---:|---:|---:|---|")
    print(fmnist_row(args.fake), flush=True)
    print(inception_row(args.inception_images), flush=True)


if __name__ == "__main__":
    main()
