"""`genforge nll RUN`: a VAE's test-set negative log-likelihood (importance-sampled, k = 1000),
bits per dimension, ELBO terms, reconstruction error and active units; a language model's exact
NLL of the held-out text in nats and bits per character. Writes RUN/likelihood.json."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("nll", help="a VAE's test-set likelihood figures", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--k", type=int, help="importance samples per image (default 1000) or sentence (500)")
    parser.add_argument("--n", type=int, default=1000, help="test images or sentences (default 1000, the first ones)")
    parser.add_argument("--split", help="default test (train for an image folder, which has no other)")
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.likelihood import run_likelihood
    from ..reports.records import likelihood_kind

    if (args.k is not None and args.k <= 0) or args.n <= 0:
        raise GenforgeError("--k and --n must be positive")
    report = run_likelihood(args.run_folder, args.k, args.n, args.split, args.checkpoint)
    print(likelihood_kind(report).summary_line(report))
    print(f"written to {Path(args.run_folder) / 'likelihood.json'}")
    return 0
