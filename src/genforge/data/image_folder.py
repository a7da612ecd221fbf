"""Any folder of photos (`--dataset folder --data-dir PATH`): JPG, PNG and WebP files at any depth.

With `data.classes: true` the first-level sub-folders are the classes (sorted by name), as in
torchvision's ImageFolder; files directly in the root then have no class and are skipped.
Unusable files are skipped, counted and listed in the run folder (skipped-files.txt).
"""

from __future__ import annotations

from pathlib import Path

from ..config import DataConfig
from ..errors import DataError
from .image_cache import PhotoEntry, photo_set
from .image_set import ImageSet
from .photos import PHOTO_SUFFIXES, PhotoTransform
from .sources import DATASETS

DEFAULT_SIZE = 64


def photo_transform(config: DataConfig, size: int, crop: int | None = None) -> PhotoTransform:
    return PhotoTransform(size=config.image_size or size, channels=config.channels or 3,
                          crop=config.crop if config.crop is not None else crop, resize=config.resize)


def find_photos(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file())


@DATASETS.register("folder")
def load_image_folder(config: DataConfig) -> ImageSet:
    if not config.dir:
        raise DataError("the folder dataset needs the folder: --data-dir PATH (or data.dir in the config)")
    root = Path(config.dir).expanduser()
    if not root.is_dir():
        raise DataError(f"image folder {root} does not exist")
    if config.split != "train":
        raise DataError(f"an image folder has one split, train (all its images), not {config.split!r}")
    photos = find_photos(root)
    if not photos:
        raise DataError(f"{root} holds no {', '.join(PHOTO_SUFFIXES)} files (searched every sub-folder)")
    entries, skipped, class_names = [], [], ()
    if config.classes:
        class_names = tuple(sorted({path.relative_to(root).parts[0] for path in photos
                                    if len(path.relative_to(root).parts) > 1}))
        if not class_names:
            raise DataError(f"data.classes is set but {root} has no sub-folders of images")
        label_of = {name: index for index, name in enumerate(class_names)}
    for path in photos:
        relative = path.relative_to(root)
        if config.classes and len(relative.parts) == 1:
            skipped.append(f"{relative}: not inside a class sub-folder")
            continue
        label = label_of[relative.parts[0]] if config.classes else None
        entries.append(PhotoEntry(path, str(relative), label))
    if not entries:
        raise DataError(f"{root}: no image inside a class sub-folder")
    transform = photo_transform(config, DEFAULT_SIZE)
    return photo_set(f"folder:{root.name}", entries, transform, class_names, skipped, config.cache,
                     key_extra={"classes": config.classes})
