"""The command-line flags of each kind of data, contributed by their owners: each registers a group
(data/<kind>/flags.py: "images", "text") holding the flags of its sources (`genforge train` and
`genforge prepare`: each names the data-section key it sets, or the source it chooses: `--images
FOLDER` is `--dataset folder --data-dir FOLDER`) and those of its samples and evaluations (`genforge
sample`, `genforge eval`: each names the request field it fills). Every command shows every registered
group (cli/data_flags.py), so a new field adds its flags without an edit to the CLI. No torch: the
parser is built on every command."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.registry import Registry, import_subpackages


@dataclass(frozen=True)
class DataFlag:
    flag: str  # as typed: "--image-size"
    key: str  # the data-section key it sets ("dir" for a flag that chooses a source)
    options: dict = field(default_factory=dict)  # argparse's: type, choices, metavar, help, action, ...
    source: str | None = None  # the source it chooses, its value going to data.dir
    training_only: bool = False  # what only a training run reads (a subset, augmentation): not `prepare`'s
    command: str = "data"  # "data": train and prepare; or the command whose request it fills ("sample", "eval")

    @property
    def dest(self) -> str:
        return self.options.get("dest") or self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class DataFlagGroup:
    title: str  # the heading in --help
    description: str
    flags: tuple[DataFlag, ...]


DATA_FLAGS: Registry[DataFlagGroup] = Registry(
    "data flag group", populate=lambda: import_subpackages(__package__, "flags"))


def register_flags(group: DataFlagGroup) -> DataFlagGroup:
    return DATA_FLAGS.register(group.title)(group)


def data_flags(command: str = "data") -> list[DataFlag]:
    return [flag for name in DATA_FLAGS.names() for flag in DATA_FLAGS.get(name).flags if flag.command == command]
