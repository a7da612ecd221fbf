"""The flags that choose and shape a dataset, shared by `train` and `prepare`: the common ones here,
each kind of data's in a group of its own, contributed by its package (data/flags.py)."""

from __future__ import annotations

from ..data.flags import data_flags, DATA_FLAGS
from ..training.presets import load_preset
from ..training.run_config import merge, read_yaml

# flag -> key of the run config's data section, for every source
COMMON_FLAGS = {"dataset": "name", "data_dir": "dir"}


def add_source_arguments(parser, training: bool = True) -> None:
    parser.add_argument("--preset", help="a named configuration (see `genforge presets`); --config and flags override it")
    parser.add_argument("--config", metavar="FILE.yaml", help="run config; flags override it")
    parser.add_argument("--dataset", help="data source, e.g. fashion-mnist")
    parser.add_argument("--data-dir", help="folder holding the dataset (default: $GENFORGE_DATA or the system copy)")
    for name in DATA_FLAGS.names():
        group = DATA_FLAGS.get(name)
        arguments = parser.add_argument_group(group.title, group.description)
        for flag in group.flags:
            if flag.command == "data" and (training or not flag.training_only):
                arguments.add_argument(flag.flag, **flag.options)


def add_owner_arguments(parser, command: str) -> None:
    """Each kind of data's flags of `command` ("sample", "eval"), in a group of its own."""
    for name in DATA_FLAGS.names():
        group = DATA_FLAGS.get(name)
        flags = [flag for flag in group.flags if flag.command == command]
        if flags:
            arguments = parser.add_argument_group(group.title)
            for flag in flags:
                arguments.add_argument(flag.flag, **flag.options)


def given(args, flag) -> bool:
    return getattr(args, flag.dest, None) is not None


def source_overrides(args) -> dict:
    """The data section's values given as flags; a flag that chooses a source comes last, so
    `--images FOLDER` wins over `--dataset`."""
    data = {key: getattr(args, flag) for flag, key in COMMON_FLAGS.items() if getattr(args, flag) is not None}
    flags = data_flags()
    data.update({flag.key: getattr(args, flag.dest) for flag in flags if flag.source is None and given(args, flag)})
    for flag in flags:
        if flag.source is not None and given(args, flag):
            data.update(name=flag.source, dir=getattr(args, flag.dest))
    return data


def flag_that_set(args, key: str) -> str:
    """The flag that gave data.`key` its value on this command line (the last one source_overrides
    applies), else `data.KEY` (the value came from --config or --preset): what a message names."""
    names = [f"--{flag.replace('_', '-')}" for flag, target in COMMON_FLAGS.items()
             if target == key and getattr(args, flag) is not None]
    flags = data_flags()
    names += [flag.flag for flag in flags if flag.source is None and flag.key == key and given(args, flag)]
    names += [flag.flag for flag in flags if flag.source is not None and flag.key == key and given(args, flag)]
    return names[-1] if names else f"data.{key}"


def preset_and_config(args) -> dict:
    """The values of --preset, then --config over it (flags go on top of these)."""
    values = load_preset(args.preset) if args.preset else {}
    return merge(values, read_yaml(args.config)) if args.config else values
