"""Any folder of photos (`--dataset folder --data-dir PATH`): JPG, PNG and WebP files at any depth,
in a folder or in a .zip archive of one (read in place).

With `data.classes: true` the first-level sub-folders are the classes (sorted by name), as in
torchvision's ImageFolder; files directly in the root then have no class and are skipped.
Unusable files are skipped, counted and listed in the run folder (skipped-files.txt).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

from ..config import DataConfig
from ..errors import DataError
from .image_cache import photo_set
from .image_set import ImageSet
from .photo_files import PhotoEntry, archive_members, is_archive
from .photos import PHOTO_SUFFIXES, PhotoTransform
from .sources import DATASETS

DEFAULT_SIZE = 64


def photo_transform(config: DataConfig, size: int, crop: int | None = None) -> PhotoTransform:
    return PhotoTransform(size=config.image_size or size, channels=config.channels or 3,
                          crop=config.crop if config.crop is not None else crop, resize=config.resize)


def find_photos(root: Path) -> list[PhotoEntry]:
    """Every photo under the folder `root`, or in the zip archive `root`, in name order."""
    if is_archive(root):
        return [PhotoEntry(root, name, member=name) for name in archive_members(root, PHOTO_SUFFIXES)]
    paths = sorted(path for path in root.rglob("*") if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file())
    return [PhotoEntry(path, path.relative_to(root).as_posix()) for path in paths]


@DATASETS.register("folder")
def load_image_folder(config: DataConfig) -> ImageSet:
    if not config.dir:
        raise DataError("the folder dataset needs the folder: --data-dir PATH (or data.dir in the config)")
    root = Path(config.dir).expanduser()
    if not root.is_dir() and not is_archive(root):
        raise DataError(f"image folder {root} does not exist (a folder or a .zip archive of photos)")
    if config.split != "train":
        raise DataError(f"an image folder has one split, train (all its images), not {config.split!r}")
    photos = find_photos(root)
    if not photos:
        raise DataError(f"{root} holds no {', '.join(PHOTO_SUFFIXES)} files (searched every sub-folder)")
    entries, skipped, class_names = [], [], ()
    folders = [PurePosixPath(photo.relative).parts for photo in photos]
    if config.classes:
        class_names = tuple(sorted({parts[0] for parts in folders if len(parts) > 1}))
        if not class_names:
            raise DataError(f"data.classes is set but {root} has no sub-folders of images")
        label_of = {name: index for index, name in enumerate(class_names)}
    for photo, parts in zip(photos, folders):
        if config.classes and len(parts) == 1:
            skipped.append(f"{photo.relative}: not inside a class sub-folder")
            continue
        entries.append(dataclasses.replace(photo, label=label_of[parts[0]]) if config.classes else photo)
    if not entries:
        raise DataError(f"{root}: no image inside a class sub-folder")
    transform = photo_transform(config, DEFAULT_SIZE)
    return photo_set(f"folder:{root.name}", entries, transform, class_names, skipped, config.cache,
                     key_extra={"classes": config.classes})
