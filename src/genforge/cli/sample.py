"""`genforge sample RUN`: draw from a trained run, written as its modality writes (images: a PNG grid or
raw uint8 arrays, .npz; text: printed, or .txt or .jsonl), with each kind of data's sampling flags."""

from __future__ import annotations

import dataclasses

from .data_flags import add_owner_arguments
from .run_flags import add_checkpoint_argument


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sample", help="sample images or text from a trained run", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, help="number of samples (default: 64 images, 3 texts)")
    parser.add_argument("--out", help="output file: grid.png or samples.npz; text: s.txt or s.jsonl (default: print)")
    parser.add_argument("--seed", type=int, help="seed of the draws (default: random)")
    parser.add_argument("--format", help="a format the run's modality writes (png, npz; txt, jsonl); default: from the "
                                         "--out suffix")
    add_checkpoint_argument(parser)
    parser.add_argument("--device", default="cpu")
    add_owner_arguments(parser, "sample")  # each kind of data's sampling flags, in its own group
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.sample import SampleRequest, sample_run

    fields = {field.name for field in dataclasses.fields(SampleRequest)}
    return sample_run(SampleRequest(**{key: value for key, value in vars(args).items() if key in fields}))
