"""`genforge nll RUN`: a VAE's test-set negative log-likelihood (importance-sampled, k = 1000),
bits per dimension, ELBO terms, reconstruction error and active units; writes RUN/likelihood.json."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..storage import write_json_atomically
from ..data import held_out_split, load_split
from ..errors import GenforgeError
from ..metrics.likelihood import likelihood_report
from ..sampling import require
from ..training.run_folder import RunFolder


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("nll", help="a VAE's test-set likelihood figures", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--k", type=int, default=1000, help="importance samples per image (default 1000)")
    parser.add_argument("--n", type=int, default=1000, help="test images (default 1000, the first ones)")
    parser.add_argument("--split", help="default test (train for an image folder, which has no other)")
    parser.set_defaults(run=run)


def measure_likelihood(folder: RunFolder, model, k: int = 1000, n: int = 1000, split: str | None = None) -> dict:
    """The likelihood figures of the first n images of a split, also written to RUN/likelihood.json
    with the checkpoint step they describe."""
    data = folder.read_config().data
    split = split or held_out_split(data)
    images = load_split(data, split)
    report = {"split": split, "step": model.loaded_step,
              **likelihood_report(model, images.images_at(torch.arange(min(n, len(images)))), samples=k)}
    write_json_atomically(folder.root / "likelihood.json", report, "the likelihood figures")
    return report


def run(args) -> int:
    if args.k <= 0 or args.n <= 0:
        raise GenforgeError("--k and --n must be positive")
    folder = RunFolder(Path(args.run_folder))
    model = load(args.run_folder)
    require(model, "likelihood", "`genforge nll`", args.run_folder)
    report = measure_likelihood(folder, model, args.k, args.n, args.split)
    print(f"{report['images']} {report['split']} images, k = {args.k}: "
          f"NLL {report['nll_nats_per_image']:.2f} nats/image = {report['bits_per_dimension']:.4f} bits/dim; "
          f"-ELBO {report['negative_elbo_nats_per_image']:.2f} (reconstruction {report['reconstruction_nats_per_image']:.2f}"
          f" + KL {report['kl_nats_per_image']:.2f}); active units {report['active_units']}/{report['latent_dim']}")
    print(f"likelihood: {report['likelihood']}")
    print(f"written to {folder.root / 'likelihood.json'}")
    return 0
