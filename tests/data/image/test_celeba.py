"""CelebA read as people have it: the aligned release and torchvision's layout, splits, attributes."""

import pytest
import torch
from helpers import write_tiny_celeba

from genforge.data import data_config
from genforge.data import load_dataset
from genforge.core.errors import DataError


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GENFORGE_CACHE", str(tmp_path / "cache"))


@pytest.mark.parametrize("nested", ["", "celeba"])
def test_the_partition_file_gives_the_three_splits(tmp_path, nested):
    write_tiny_celeba(tmp_path / "faces", nested=nested)
    sizes = {split: len(load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), split=split)))
             for split in ("train", "valid", "test", "all")}
    assert sizes == {"train": 8, "valid": 2, "test": 2, "all": 12}


def test_faces_are_cut_to_the_centre_square_and_resized(tmp_path):
    write_tiny_celeba(tmp_path / "faces")
    data = load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), split="test"))
    assert data.shape == (2, 3, 64, 64)  # the default: 178x178 centre crop, then 64 pixels
    big = load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), split="test", image_size=128))
    assert big.shape == (2, 3, 128, 128)


def test_attributes_become_class_labels(tmp_path):
    rows = write_tiny_celeba(tmp_path / "faces")
    data = load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), attributes="Smiling,Male"))
    assert data.class_names == ("not Smiling, not Male", "Smiling, not Male", "not Smiling, Male", "Smiling, Male")
    expected = [(r["Smiling"] == 1) + 2 * (r["Male"] == 1) for r in rows if r["split"] == 0]
    assert data.labels.tolist() == expected


def test_an_unknown_attribute_suggests_the_nearest(tmp_path):
    write_tiny_celeba(tmp_path / "faces")
    with pytest.raises(DataError, match="did you mean 'Smiling'"):
        load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), attributes="Smilling"))


def test_a_missing_folder_says_which_files_are_expected_where(tmp_path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "nowhere", tmp_path / "empty"):
        with pytest.raises(DataError) as caught:
            load_dataset(data_config(name="celeba", dir=str(folder)))
        message = str(caught.value)
        assert "img_align_celeba/*.jpg" in message and "list_eval_partition.txt" in message
        assert "does not download" in message and "\n" not in message


def test_a_missing_face_is_skipped_not_fatal(tmp_path):
    write_tiny_celeba(tmp_path / "faces")
    (tmp_path / "faces" / "img_align_celeba" / "000002.jpg").unlink()
    data = load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), image_size=32))
    assert len(data) == 7 and data.skipped[0].startswith("000002.jpg: ")
    assert torch.equal(data.images_at(torch.tensor([0])), data.images[:1])


# (partition list, attribute list, archive) folders of the release, torchvision's and Google Drive's layouts
LAYOUTS = {"release": ("", "", ""), "torchvision": ("celeba", "celeba", "celeba"), "drive": ("Eval", "Anno", "Img")}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_unextracted_release_zip_reads_as_the_folder(tmp_path, layout):
    import shutil
    import zipfile

    write_tiny_celeba(tmp_path / "faces")
    folder = load_dataset(data_config(name="celeba", dir=str(tmp_path / "faces"), attributes="Male"))
    partition, attributes, images = (tmp_path / "zipped" / part for part in LAYOUTS[layout])
    for name, where in (("list_eval_partition.txt", partition), ("list_attr_celeba.txt", attributes), ("", images)):
        where.mkdir(parents=True, exist_ok=True)
        if name:
            shutil.copy(tmp_path / "faces" / name, where / name)
    faces = sorted((tmp_path / "faces" / "img_align_celeba").iterdir())
    with zipfile.ZipFile(images / "img_align_celeba.zip", "w") as out:  # as the release zips it
        for face in faces[1:]:  # one face missing: skipped and listed, as in a folder
            out.write(face, f"img_align_celeba/{face.name}")
    zipped = load_dataset(data_config(name="celeba", dir=str(tmp_path / "zipped"), attributes="Male"))
    assert len(zipped) == len(folder) - 1 and zipped.skipped[0].startswith(f"{faces[0].name}: ")
    assert torch.equal(zipped.images, folder.images[1:]) and torch.equal(zipped.labels, folder.labels[1:])
