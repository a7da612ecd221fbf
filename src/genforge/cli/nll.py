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


def summary_line(report: dict, k: int | None) -> str:
    if "nll_nats_per_sentence" in report:
        return (f"{report['sentences']} {report['split']} sentences, k = {report['importance_samples']}: NLL <= "
                f"{report['nll_nats_per_sentence']:.2f} nats/sentence (perplexity {report['perplexity']:.2f}, "
                f"{report['bits_per_character']:.4f} bits/char); -ELBO {report['negative_elbo_nats_per_sentence']:.2f} "
                f"(reconstruction {report['reconstruction_nats_per_sentence']:.2f} + KL {report['kl_nats_per_sentence']:.2f}); "
                f"MI {report['mutual_information_nats']:.2f} nats; active units {report['active_units']}/{report['latent_dim']}")
    if "bits_per_character" in report:
        return (f"{report['tokens']} {report['split']} tokens ({report['tokenizer']}): NLL {report['nll_nats_per_token']:.4f} "
                f"nats/token, perplexity {report['perplexity']:.2f}; {report['characters']} characters: "
                f"{report['nll_nats_per_character']:.4f} nats/char = {report['bits_per_character']:.4f} bits/char "
                f"(context {report['context']})")
    return (f"{report['images']} {report['split']} images, k = {report['importance_samples']}: "
            f"NLL {report['nll_nats_per_image']:.2f} nats/image = {report['bits_per_dimension']:.4f} bits/dim; "
            f"-ELBO {report['negative_elbo_nats_per_image']:.2f} (reconstruction {report['reconstruction_nats_per_image']:.2f}"
            f" + KL {report['kl_nats_per_image']:.2f}); active units {report['active_units']}/{report['latent_dim']}\n"
            f"likelihood: {report['likelihood']}")


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.likelihood import run_likelihood

    if (args.k is not None and args.k <= 0) or args.n <= 0:
        raise GenforgeError("--k and --n must be positive")
    report = run_likelihood(args.run_folder, args.k, args.n, args.split, args.checkpoint)
    print(summary_line(report, args.k))
    print(f"written to {Path(args.run_folder) / 'likelihood.json'}")
    return 0
