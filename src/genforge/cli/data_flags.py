"""The flags that choose and shape a dataset, shared by `train` and `prepare`."""

from __future__ import annotations

from ..training.run_config import merge, read_yaml
from ..training.presets import load_preset

# flag -> key of the run config's data section
SOURCE_FLAGS = {
    "dataset": "name",
    "data_dir": "dir",
    "image_size": "image_size",
    "channels": "channels",
    "crop": "crop",
    "resize": "resize",
    "classes": "classes",
    "attributes": "attributes",
    "background": "background",
    "sequence_length": "sequence_length",
    "tokenizer": "tokenizer",
    "vocab_size": "vocab_size",
    "min_frequency": "min_frequency",
    "tokenizer_file": "tokenizer_file",
    "separator": "separator",
    "skip_bad_lines": "skip_bad_lines",
}


def add_source_arguments(parser) -> None:
    parser.add_argument("--preset", help="a named configuration (see `genforge presets`); --config and flags override it")
    parser.add_argument("--config", metavar="FILE.yaml", help="run config; flags override it")
    parser.add_argument("--dataset", help="data source, e.g. fashion-mnist")
    parser.add_argument("--data-dir", help="folder holding the dataset (default: $GENFORGE_DATA or the system copy)")
    parser.add_argument("--images", metavar="FOLDER",
                        help="a folder (or .zip) of photos (same as --dataset folder --data-dir FOLDER)")
    parser.add_argument("--image-size", type=int, metavar="PX", help="photos: square side after crop and resize (default 64)")
    parser.add_argument("--channels", type=int, choices=[1, 3], help="photos: 1 = grayscale, 3 = RGB (default)")
    parser.add_argument("--crop", type=int, metavar="PX", help="photos: centre square cut first (celeba: 178)")
    parser.add_argument("--resize", choices=["center-crop", "stretch", "pad"], help="photos: resize policy")
    parser.add_argument("--classes", action="store_const", const=True,
                        help="folder: sub-folders (or a StyleGAN2-ADA dataset.json) are the classes")
    parser.add_argument("--background", metavar="COLOUR",
                        help="photos: white (default), black or #rrggbb under transparent pixels")
    parser.add_argument("--attributes", metavar="A,B", help="celeba: attributes used as class labels, e.g. Smiling,Male")
    parser.add_argument("--text", metavar="FILE|FOLDER",
                        help="your own UTF-8 text (same as --dataset text --data-dir PATH): one example per line, "
                             "or see --separator")
    parser.add_argument("--pairs", metavar="FILE", help="(source, target) pairs for seq2seq, a .jsonl of "
                        "{\"source\": ..., \"target\": ...} or a .tsv (same as --dataset pairs --data-dir FILE)")
    parser.add_argument("--separator", choices=["line", "blank", "percent"],
                        help="text: examples are lines (default), blank-line paragraphs, or separated by %% lines")
    parser.add_argument("--skip-bad-lines", action="store_const", const=True,
                        help="text: leave out examples that are not UTF-8 (listed in RUN/skipped-files.txt)")
    parser.add_argument("--sequence-length", type=int, metavar="T",
                        help="text: tokens in each training sequence, the model's context (default 64)")
    parser.add_argument("--tokenizer", choices=["characters", "bpe", "words"],
                        help="text: characters (default; fortunes: bpe), byte-level BPE trained on the train split, "
                             "or words")
    parser.add_argument("--vocab-size", type=int, metavar="V", help="text: BPE or word vocabulary size (default 2000)")
    parser.add_argument("--tokenizer-file", metavar="RUN/tokenizer.json",
                        help="text: encode with another run's tokeniser instead of training one")
    parser.add_argument("--min-frequency", type=int, metavar="N",
                        help="text, words: rarer words become <unk> (default 2)")


# flag -> the source it chooses, its value going to data.dir
SOURCE_PATH_FLAGS = {"images": "folder", "text": "text", "pairs": "pairs"}


def source_overrides(args) -> dict:
    """The data section's values given as flags."""
    data = {key: getattr(args, flag) for flag, key in SOURCE_FLAGS.items() if getattr(args, flag) is not None}
    for flag, source in SOURCE_PATH_FLAGS.items():
        if getattr(args, flag) is not None:
            data.update(name=source, dir=getattr(args, flag))
    return data


def flag_that_set(args, key: str) -> str:
    """The flag that gave data.`key` its value on this command line (the last one source_overrides
    applies), else `data.KEY` (the value came from --config or --preset): what a message names."""
    given = [flag for flag, target in SOURCE_FLAGS.items() if target == key and getattr(args, flag) is not None]
    if key == "dir":
        given += [flag for flag in SOURCE_PATH_FLAGS if getattr(args, flag) is not None]
    return "--" + given[-1].replace("_", "-") if given else f"data.{key}"


def preset_and_config(args) -> dict:
    """The values of --preset, then --config over it (flags go on top of these)."""
    values = load_preset(args.preset) if args.preset else {}
    return merge(values, read_yaml(args.config)) if args.config else values
