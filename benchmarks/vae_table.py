"""The VAE family at equal CPU time: likelihood and sample quality per model and sampler.

    .venv/bin/python benchmarks/vae_table.py [--minutes 10] [--rows vae-fmnist,beta-vae-fmnist,iwae-fmnist,vqvae-fmnist]

Each preset trains for the same wall-clock budget, one after the other in this process. Then:
test NLL by importance sampling (k = 1000 on the first 1,000 test images; Bernoulli decoder on
[0, 1] intensities, so comparable only between these rows), and IS/FID/KID/precision/recall
(fmnist-cnn, 10,000 samples vs the 10,000 test images) for each sampler: the prior, and the
Gaussian mixture fitted to the encoded training set, and the two-stage VAE (Gaussian-latent VAEs);
the VQ-VAE samples
from its PixelCNN prior.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from genforge.pipelines.loading import load
from genforge.training.run_config import build_run_config, merge
from genforge.data import data_config
from genforge.data import load_dataset
from genforge.metrics.image.evaluate import evaluate
from genforge.metrics.image.likelihood import likelihood_report
from genforge.training.presets import load_preset
from genforge.pipelines.samplers import SAMPLERS
from genforge.pipelines import train

METRICS = ["is", "fid", "kid", "pr"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rows", default="vae-fmnist,beta-vae-fmnist,iwae-fmnist,vqvae-fmnist")
    args = parser.parse_args()
    test = load_dataset(data_config(split="test")).images[:1000]
    print(f"{args.minutes:g} min of training per model\n")
    print("| model | steps | NLL (nats) | bits/dim | active units | sampler | FID | IS | KID | precision | recall |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for preset in args.rows.split(","):
            quiet = {"train": {"steps": None, "minutes": args.minutes, "checkpoint_every": 1_000_000}}
            config = build_run_config(merge(load_preset(preset), quiet))
            run = Path(folder) / preset
            result = train(config, run)
            model = load(run)
            gaussian = model.gaussian_latents
            nll = likelihood_report(model, test) if gaussian else None
            for sampler in (["prior", "gmm", "two-stage"] if gaussian else ["prior"]):
                images = SAMPLERS.get(sampler)(model, config, run, 10_000, 0)
                path = Path(folder) / f"{preset}-{sampler}.npz"
                np.savez(path, images=images.permute(0, 2, 3, 1).numpy())
                v = evaluate(str(path), "fashion-mnist:test", METRICS, "fmnist").values
                likelihood = (f"{nll['nll_nats_per_image']:.1f} | {nll['bits_per_dimension']:.4f} | "
                              f"{nll['active_units']}/{nll['latent_dim']}") if nll else "- | - | -"
                print(f"| {preset} | {result.step} | {likelihood} | {sampler} | {v['FID[fmnist-cnn]']:.2f} | "
                      f"{v['IS[fmnist-cnn]']:.2f} | {v['KID[fmnist-cnn]']:.4f} | {v['precision[fmnist-cnn]']:.3f} | "
                      f"{v['recall[fmnist-cnn]']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
