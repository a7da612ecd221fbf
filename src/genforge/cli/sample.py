"""`genforge sample RUN`: draw from a trained run. Images: a PNG grid or raw uint8 arrays (.npz).
Text: printed, or written as .txt or .jsonl (--length, --temperature, --prompt, --top-k, --top-p)."""

from __future__ import annotations

import dataclasses

from .run_flags import add_checkpoint_argument


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sample", help="sample images or text from a trained run", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, help="number of samples (default: 64 images, 3 texts)")
    parser.add_argument("--out", help="output file: grid.png or samples.npz; text: s.txt or s.jsonl (default: print)")
    parser.add_argument("--seed", type=int, help="seed of the draws (default: random)")
    parser.add_argument("--format", choices=["png", "npz", "txt", "jsonl"], help="default: from the --out suffix")
    add_checkpoint_argument(parser)
    parser.add_argument("--class", dest="class_index", type=int, metavar="K",
                        help="conditional models: only class K (default: one row per class in a PNG)")
    parser.add_argument("--sampler", default="prior", help="prior; for VAEs also gmm (a mixture fitted to the encoded training set) or two-stage")
    parser.add_argument("--length", type=int, help="text: tokens to generate after the prompt (characters, for a character "
                             "model; default 400); a model of separate examples also stops at an example's end")
    parser.add_argument("--temperature", type=float, help="text: softmax temperature (default 0.8; lower is safer)")
    parser.add_argument("--prompt", help="text: the text to continue (default: a new line)")
    parser.add_argument("--top-k", type=int, help="text: draw only among the k likeliest tokens")
    parser.add_argument("--top-p", type=float, help="text: draw only among the likeliest tokens whose probability "
                                                    "reaches p (nucleus sampling), in (0, 1]")
    parser.add_argument("--device", default="cpu")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.sample import SampleRequest, sample_run

    fields = {field.name for field in dataclasses.fields(SampleRequest)}
    return sample_run(SampleRequest(**{key: value for key, value in vars(args).items() if key in fields}))
