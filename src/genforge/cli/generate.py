"""`genforge generate RUN --source TEXT`: what a seq2seq run answers to a source (a dialogue turn, a
couplet's first line, a text to summarise), by beam search (default), greedily, or sampled.

    genforge generate runs/couplets --source "床前明月光，疑是地上霜。"
    genforge generate runs/dialogue --source "What say you?" --decoding sample --n 3 --temperature 0.8
"""

from __future__ import annotations

import argparse

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument

# Targets printed at most: each is one decoding of the source, all held in memory until printed.
MAX_TARGETS = 10_000


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("generate", help="a seq2seq run's answer to a source", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--source", required=True, help="the text to answer, summarise or continue")
    parser.add_argument("--decoding", choices=["beam", "greedy", "sample"], default="beam")
    parser.add_argument("--beam", type=int, dest="beam_size",
                        help="beam width, 1 to 64 and at most the vocabulary's ids (default: the model's, 4)")
    parser.add_argument("--n", type=int, default=1,
                        help=f"--decoding sample: how many targets (default 1, at most {MAX_TARGETS:,})")
    parser.add_argument("--temperature", type=float, default=1.0, help="--decoding sample: softmax temperature")
    parser.add_argument("--top-k", type=int, help="--decoding sample: only the k likeliest tokens")
    parser.add_argument("--top-p", type=float, help="--decoding sample: the nucleus of probability p")
    parser.add_argument("--seed", type=int, default=0)
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.text.generate import GenerateRequest, generate

    if args.n <= 0 or (args.beam_size is not None and args.beam_size <= 0):
        raise GenforgeError("--n and --beam must be positive")
    if args.n > MAX_TARGETS:
        raise GenforgeError(f"--n must be at most {MAX_TARGETS:,} targets (they are printed), got {args.n}")
    request = GenerateRequest(args.run_folder, args.source, args.n, args.decoding, args.seed, args.temperature,
                              args.top_k, args.top_p, args.beam_size, args.checkpoint)
    for text in generate(request):
        print(text)
    return 0
