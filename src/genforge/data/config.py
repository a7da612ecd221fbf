"""The data section of a run config: the base that every source shares (no torch: configs are
read and checked before anything loads). Each kind of data keeps its sources' options beside them
(data/image/config.py, data/text/config.py); each source registers its class with its declaration
(data/<kind>/sources.py), and `data_config(name, **values)` builds the one a name asks for.

A config.yaml written before each source had its own class holds every flat key: those another
source owns are dropped when they hold their old default and refused, naming the key, when they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..core.errors import ConfigError


@dataclass
class DataConfig:
    # The layouts of its examples a source can serve a model (text: a stream, separate sequences,
    # pairs); a model that needs one declares it (ModelConfig.DATA_LAYOUT), images need none.
    LAYOUTS: ClassVar[tuple[str, ...]] = ()
    LAYOUT_FIELD: ClassVar[str] = "layout"  # the field that holds it (music: "representation")
    LAYOUT_WHAT: ClassVar[str] = "data"  # what is laid out, for messages ("text", "music")

    name: str = "fashion-mnist"  # a registered source (data/sources.py): `genforge train --help` lists them
    dir: str | None = None  # defaults to $GENFORGE_DATA, then the source's own default
    split: str = "train"

    # The fields that name a file or folder the source reads: `train --overwrite` never replaces a
    # folder that is, holds or lies inside one (training/safe_folders.py). A source that reads another
    # path declares its field here, and is protected without a change anywhere else.
    INPUT_PATHS: ClassVar[tuple[str, ...]] = ("dir",)

    def validate(self) -> None:
        pass  # the ranges and choices are checked as the section is read

    def subset_of(self, data):
        """The part of the loaded `data` a run trains on (a subset of images: ImageDataConfig)."""
        return data

    def whole(self) -> "DataConfig":
        """This source without the limits on what a run trains on: what it is compared with."""
        return self

    def input_paths(self) -> dict[str, str]:
        """The paths the source reads, by field (INPUT_PATHS), those that are set."""
        return {key: getattr(self, key) for key in self.INPUT_PATHS if getattr(self, key)}


# The flat data section before each source had its own class, with its defaults: what an old
# config.yaml holds whatever its source.
FLAT_DEFAULTS = {"image_size": None, "channels": None, "crop": None, "resize": "center-crop", "classes": False,
                 "attributes": "", "cache": True, "max_images": None, "mirror": False, "background": "white"}


def translated(values: dict, cls: type, owners: dict[str, list[str]]) -> dict:
    """`values` of the data section with the flat keys `cls` does not own removed where they hold
    their old default; one that is set is refused, naming the sources that take it (`owners`)."""
    fields = set(cls.__dataclass_fields__)
    kept = {}
    for key, value in values.items():
        if key in fields or key not in FLAT_DEFAULTS:
            kept[key] = value  # its own keys, and unknown ones (refused with a suggestion later)
        elif value != FLAT_DEFAULTS[key]:
            name = values.get("name", DataConfig.name)
            takers = ", ".join(owners.get(key, [])) or "no source"
            raise ConfigError(f"data.{key} is not an option of {name} (it is for {takers}); remove it")
    return kept
