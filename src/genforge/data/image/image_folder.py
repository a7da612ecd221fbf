"""Any folder of photos (`--dataset folder --data-dir PATH`): JPG, PNG and WebP files at any depth,
in a folder or in a .zip archive of one (read in place).

With `data.classes: true` the first-level sub-folders are the classes (sorted by name), as in
torchvision's ImageFolder; files directly in the root then have no class and are skipped. A
dataset.json at the top (StyleGAN2-ADA's dataset tool writes one) gives the classes instead.
Unusable files are skipped, counted and listed in the run folder (skipped-files.txt).
"""

from __future__ import annotations

import dataclasses
import errno
import json
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..config import DataConfig
from .config import FolderConfig
from ...core.errors import DataError
from .image_cache import photo_set
from .image_set import ImageSet
from .photo_files import PhotoEntry, archive_members, archive_top_folder, is_archive, open_archive
from .photos import PHOTO_SUFFIXES, PhotoTransform, parse_background

DEFAULT_SIZE = 64


def photo_transform(config: DataConfig, size: int, crop: int | None = None) -> PhotoTransform:
    return PhotoTransform(size=config.image_size or size, channels=config.channels or 3,
                          crop=config.crop if config.crop is not None else crop, resize=config.resize,
                          background=parse_background(config.background))


def find_photos(root: Path) -> tuple[list[PhotoEntry], str, list[str]]:
    """Every photo under the folder `root`, or in the zip archive `root`, in name order; the folder
    inside the archive they all lie in ("photos/" for `zip -r photos.zip photos/`, else "") that
    names are relative to; and the "name: reason" lines of photo names that lead nowhere (symlink
    loops, broken links). Symlinked folders are not followed, so a link to a parent cannot loop."""
    if is_archive(root):
        names, top = archive_members(root, PHOTO_SUFFIXES), archive_top_folder(root)
        return [PhotoEntry(root, name[len(top):], member=name) for name in names], top, []
    named = sorted(path for path in root.rglob("*") if path.suffix.lower() in PHOTO_SUFFIXES)
    photos, unreachable = [], []
    for path in named:
        if path.is_file():
            photos.append(PhotoEntry(path, path.relative_to(root).as_posix()))
        elif path.is_symlink():
            unreachable.append(f"{path.relative_to(root).as_posix()}: {dangling_link_reason(path)}")
    return photos, "", unreachable


def dangling_link_reason(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return "a symlink loop"
    except OSError as error:
        return "a symlink loop" if error.errno == errno.ELOOP else "a broken symlink (its target is missing)"
    return "a symlink to something that is not a file"


LABEL_FILE = "dataset.json"  # StyleGAN2-ADA's labels: {"labels": [["00000/img00000000.png", 6], ...]}


def labels_file(root: Path, top: str) -> object | None:
    """The parsed dataset.json beside the photos (in the folder, or in the archive's `top`), or None."""
    try:
        if is_archive(root):
            archive = open_archive(root)
            name = top + LABEL_FILE
            text = archive.read(name) if name in archive.namelist() else None
        else:
            text = (root / LABEL_FILE).read_bytes() if (root / LABEL_FILE).is_file() else None
        return None if text is None else json.loads(text)
    except (OSError, ValueError, RuntimeError, zipfile.BadZipFile, zlib.error) as error:
        # RuntimeError: an encrypted member; NotImplementedError (a RuntimeError): an unknown compression
        raise DataError(f"{root}/{LABEL_FILE}: unreadable ({error})") from None


def json_labels(root: Path, content: object) -> tuple[dict[str, int], tuple[str, ...]]:
    """name -> class index, and the class names ("0", "1", ...), from a StyleGAN2-ADA dataset.json."""
    if isinstance(content, dict) and "labels" in content and content["labels"] is None:
        raise DataError(f"{root}/{LABEL_FILE} says these images have no labels (labels: null); "
                        "train without --classes")
    pairs = content.get("labels") if isinstance(content, dict) else None
    if not isinstance(pairs, list) or not all(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                                              and type(pair[1]) is int and pair[1] >= 0 for pair in pairs):
        raise DataError(f"{root}/{LABEL_FILE}: expected {{\"labels\": [[file name, class index], ...]}} "
                        "with whole-number classes (vector labels are not supported)")
    label_of = {name: label for name, label in pairs}
    return label_of, tuple(str(index) for index in range(max(label_of.values(), default=-1) + 1))


def folder_labels(photos: list[PhotoEntry]) -> tuple[dict[str, int], tuple[str, ...]]:
    """name -> class index, and the class names: the first-level sub-folders, sorted (torchvision's ImageFolder)."""
    tops = {photo.relative: PurePosixPath(photo.relative).parts for photo in photos}
    class_names = tuple(sorted({parts[0] for parts in tops.values() if len(parts) > 1}))
    index = {name: position for position, name in enumerate(class_names)}
    return {name: index[parts[0]] for name, parts in tops.items() if len(parts) > 1}, class_names


def load_image_folder(config: DataConfig) -> ImageSet:
    if not config.dir:
        raise DataError("the folder dataset needs the folder: --data-dir PATH (or data.dir in the config)")
    root = Path(config.dir).expanduser()
    if not root.is_dir() and not is_archive(root):
        raise DataError(f"image folder {root} does not exist (a folder or a .zip archive of photos)")
    if config.split != "train":
        raise DataError(f"an image folder has one split, train (all its images), not {config.split!r}")
    photos, top, unreachable = find_photos(root)
    if not photos:
        raise DataError(f"{root} holds no {', '.join(PHOTO_SUFFIXES)} files (searched every sub-folder)"
                        + (f"; {unreachable[0]}" if unreachable else ""))
    entries, skipped, class_names = photos, [], ()
    if config.classes:
        content = labels_file(root, top)
        label_of, class_names = json_labels(root, content) if content is not None else folder_labels(photos)
        if not class_names:
            raise DataError(f"data.classes is set but {root} has no sub-folders of images (or {LABEL_FILE} labels)")
        missing = "no label in dataset.json" if content is not None else "not inside a class sub-folder"
        skipped = [f"{photo.relative}: {missing}" for photo in photos if photo.relative not in label_of]
        entries = [dataclasses.replace(photo, label=label_of[photo.relative]) for photo in photos
                   if photo.relative in label_of]
        if not entries:
            raise DataError(f"{root}: no image has a class ({skipped[0]})")
    transform = photo_transform(config, DEFAULT_SIZE)
    return photo_set(f"folder:{root.name}", entries, transform, class_names, unreachable + skipped, config.cache,
                     key_extra={"classes": config.classes})
