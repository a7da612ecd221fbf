"""The command-line flags of the data sources, contributed by their owners: each kind of data
registers a group (data/<kind>/flags.py: "images", "text"), and `genforge train` and `genforge
prepare` show every registered group (cli/data_flags.py), so a new field adds its flags without an
edit to the CLI. Each flag names the data-section key it sets, or the source it chooses (`--images
FOLDER` is `--dataset folder --data-dir FOLDER`). No torch: the parser is built on every command."""

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


def data_flags() -> list[DataFlag]:
    return [flag for name in DATA_FLAGS.names() for flag in DATA_FLAGS.get(name).flags]
