"""`genforge eval`: IS, FID, KID and precision/recall of an image run or of any image set; the held-out
likelihood, BLEU-2..5, Self-BLEU-2..5, distinct-n and novelty of a text run.

    genforge eval runs/NAME [--n 10000] [--metrics is,fid,kid,pr] [--extractor fmnist|inception] [--reference test|train]
    genforge eval --fake samples.npz --real fashion-mnist:test
    genforge eval runs/TEXT [--n 200] [--n-real 500] [--temperature 1.0] [--seed 0] [--curve]
                            [--reference-lm runs/LM [--reverse-steps 300]] [--k 500]
"""

from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

from ..core.errors import EvalError
from ..metrics.image.extractors import DEFAULT_COUNT
from ..core.storage import write_json_atomically
from .data_flags import add_owner_arguments
from .run_flags import add_checkpoint_argument

if TYPE_CHECKING:
    from ..metrics.results import EvalResult


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("eval", help="score a run's samples (images or text)", description=__doc__,
                                   formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    parser.add_argument("run_folder", nargs="?", metavar="RUN", help="a run folder: sample from it and write RUN/eval.json")
    parser.add_argument("--fake", metavar="SOURCE", help="generated images: a folder, an .npz, a run or dataset:split")
    parser.add_argument("--real", metavar="SOURCE", help="reference images (default for a run: its dataset's --reference split)")
    parser.add_argument("--n", type=int, help=f"generated images to score (default {DEFAULT_COUNT}); texts (default 200)")
    parser.add_argument("--n-real", type=int, help=f"reference images, a seeded subset (default {DEFAULT_COUNT}); "
                                                   "reference texts (default 500)")
    parser.add_argument("--reference", help="dataset split a run is compared with (default test; train for an "
                                           "image folder, which has no other split)")
    parser.add_argument("--seed", type=int, default=0, help="seed of sampling and of subsets")
    parser.add_argument("--out", help="where to write the JSON record (default RUN/eval.json)")
    add_checkpoint_argument(parser)
    add_owner_arguments(parser, "eval")  # each kind of data's evaluation flags, in its own group
    parser.set_defaults(run=run)


def format_table(result: "EvalResult") -> str:
    rows = []
    for name, value in result.values.items():
        if name.endswith(" std"):
            continue
        std = result.values.get(f"{name} std")
        rows.append((name, f"{value:.4f}" + (f" ± {std:.4f}" if std is not None else "")))
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..metrics.image.engine import parse_metric_names
    from ..metrics.image.evaluate import evaluate
    from ..pipelines.evaluation import EvalRequest, evaluate_run

    if (args.n is not None and args.n <= 0) or (args.n_real is not None and args.n_real <= 0):
        raise EvalError("--n and --n-real must be positive")
    metric_names = parse_metric_names(args.metrics)
    options = {"inception_weights": args.inception_weights}
    if args.run_folder and args.fake:
        raise EvalError("give either a RUN folder or --fake, not both")
    if args.checkpoint and not args.run_folder:
        raise EvalError("--checkpoint chooses the weights of a RUN folder: `genforge eval RUN --checkpoint best`")
    if args.run_folder:
        request = EvalRequest(metric_names, args.extractor, args.n, args.n_real, args.seed, args.reference, args.real,
                              options, args.temperature, args.curve, args.reference_lm, args.reverse_steps, args.k,
                              args.checkpoint)
        result, out = evaluate_run(args.run_folder, request, args.out)
    elif args.fake:
        result = evaluate(args.fake, args.real, metric_names, args.extractor, count=args.n or DEFAULT_COUNT,
                          real_count=args.n_real or DEFAULT_COUNT, seed=args.seed, options=options)
        out = Path(args.out) if args.out else None
        if out:
            write_json_atomically(out, result.record, "the evaluation")
    else:
        raise EvalError("give a RUN folder or --fake SOURCE (and --real SOURCE)")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    record = result.record
    real = record["real"]
    print(f"{record['fake']['count']} generated ({record['fake']['source']}) vs "
          + (f"{real['count']} real ({real['source']})" if real else "no reference")
          + f", {record['seconds']:.1f} s")
    print(format_table(result))
    if out:
        print(f"written to {out}")
    return 0
