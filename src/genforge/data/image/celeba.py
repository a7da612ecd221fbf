"""CelebA (Liu et al. 2015), the aligned release: 202,599 faces of 178x218 pixels with 40 binary
attributes and an official train / valid / test partition.

genforge never downloads it. `--data-dir` (or $GENFORGE_CELEBA, else ./data/celeba) is searched in
the layouts people have it in:
  DIR/img_align_celeba/*.jpg, DIR/list_eval_partition.txt, DIR/list_attr_celeba.txt   (the release)
  DIR/celeba/...                                                  (torchvision's CelebA(root=DIR))
  DIR/Img/img_align_celeba, DIR/Eval/list_eval_partition.txt, DIR/Anno/list_attr_celeba.txt (Drive)
The Kaggle copy's .csv versions of the two lists, and its doubled img_align_celeba/img_align_celeba
folder, are read as well, and so is the unextracted archive img_align_celeba.zip in place of the
folder. Faces are cut to the usual 178x178 centre square, then resized (64 px by
default). `data.attributes: "Smiling,Male"` turns attributes into class labels (2^k classes) for
the conditional models.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..config import DataConfig
from .config import CelebAConfig
from ...core.errors import DataError
from ...core.registry import closest
from .image_cache import photo_set
from .image_folder import photo_transform
from .image_set import ImageSet
from .photo_files import PhotoEntry, archive_members, is_archive

DEFAULT_DIR = Path("data/celeba")
FACE_CROP = 178
DEFAULT_SIZE = 64
SPLITS = {"train": "0", "valid": "1", "test": "2"}
IMAGES = "img_align_celeba"
PARTITION = "list_eval_partition"
ATTRIBUTES = "list_attr_celeba"


def expected_files(root: Path) -> str:
    return (f"expected {root}/{IMAGES}/*.jpg (or {IMAGES}.zip) and {root}/{PARTITION}.txt (plus {root}/{ATTRIBUTES}.txt for "
            f"data.attributes), or the same under {root}/celeba/ (torchvision's layout); genforge does not download "
            "CelebA: get the aligned-and-cropped release and point --data-dir at it")


def find_file(roots: list[Path], stem: str, subfolder: str) -> Path | None:
    for root in roots:
        for folder in (root, root / subfolder):
            for suffix in (".txt", ".csv"):
                if (folder / f"{stem}{suffix}").is_file():
                    return folder / f"{stem}{suffix}"
    return None


def find_images(roots: list[Path]) -> Path | None:
    """The folder of faces, or the release's zip of it when it was not extracted."""
    for root in roots:
        for folder in (root / IMAGES, root / "Img" / IMAGES):
            if folder.is_dir():
                return folder / IMAGES if (folder / IMAGES).is_dir() else folder
            if is_archive(folder.with_suffix(".zip")):
                return folder.with_suffix(".zip")
    return None


def face_entries(images: Path, files: list[str], labels: list) -> list[PhotoEntry]:
    if not is_archive(images):
        return [PhotoEntry(images / file, file, label) for file, label in zip(files, labels)]
    members = {PurePosixPath(name).name: name for name in archive_members(images, (".jpg",))}
    return [PhotoEntry(images, file, label, member=members.get(file, file)) for file, label in zip(files, labels)]


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(column names, rows) of a CelebA list in its .txt or Kaggle .csv form; rows start with the file name."""
    try:
        lines = [line for line in path.read_text().splitlines() if line.strip()]
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    if path.suffix == ".csv":
        header, *rows = [line.split(",") for line in lines]
        return header[1:], rows
    if lines and lines[0].strip().isdigit():  # the attribute list: count, names, rows
        return lines[1].split(), [line.split() for line in lines[2:]]
    return ["partition"], [line.split() for line in lines]


def attribute_labels(path: Path | None, wanted: list[str], files: list[str]) -> tuple[list[int], tuple[str, ...]]:
    if path is None:
        raise DataError(f"data.attributes needs {ATTRIBUTES}.txt next to {PARTITION}.txt")
    names, rows = read_table(path)
    for name in wanted:
        if name not in names:
            raise DataError(f"CelebA has no attribute {name!r}{closest(name, names)}")
    columns = [names.index(name) + 1 for name in wanted]
    by_file = {row[0]: row for row in rows}
    labels = []
    for file in files:
        row = by_file.get(file)
        if row is None:
            raise DataError(f"{path}: no attributes for {file}")
        labels.append(sum(1 << bit for bit, column in enumerate(columns) if row[column] == "1"))
    class_names = tuple(", ".join(("" if code >> bit & 1 else "not ") + name for bit, name in enumerate(wanted))
                        for code in range(2 ** len(wanted)))
    return labels, class_names


def load_celeba(config: DataConfig) -> ImageSet:
    root = Path(config.dir or os.environ.get("GENFORGE_CELEBA") or DEFAULT_DIR).expanduser()
    if not root.is_dir():
        raise DataError(f"CelebA folder {root} does not exist: {expected_files(root)}")
    roots = [root, root / "celeba"]
    images = find_images(roots)
    partition = find_file(roots, PARTITION, "Eval")
    if images is None or partition is None:
        raise DataError(f"CelebA not found in {root}: {expected_files(root)}")
    if config.split not in (*SPLITS, "all"):
        raise DataError(f"CelebA has splits train, valid, test (and all), not {config.split!r}")
    _, rows = read_table(partition)
    files = [row[0] for row in rows if config.split == "all" or row[1] == SPLITS[config.split]]
    if not files:
        raise DataError(f"{partition}: no images in split {config.split}")
    labels, class_names = [None] * len(files), ()
    wanted = [name.strip() for name in config.attributes.split(",") if name.strip()]
    if wanted:
        labels, class_names = attribute_labels(find_file(roots, ATTRIBUTES, "Anno"), wanted, files)
    entries = face_entries(images, files, labels)
    transform = photo_transform(config, DEFAULT_SIZE, crop=FACE_CROP)
    return photo_set(f"celeba:{config.split}", entries, transform, class_names, use_cache=config.cache,
                     key_extra={"source": "celeba", "attributes": wanted})
