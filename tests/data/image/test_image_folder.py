"""Image folders: formats, classes from sub-folders, broken files skipped and listed, the uint8 cache."""

import numpy as np
import pytest
import torch
from helpers import write_broken_photos, write_photo

from genforge.data import data_config
from genforge.data import load_dataset
from genforge.data.image import image_cache
from genforge.core.errors import ConfigError, DataError


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GENFORGE_CACHE", str(tmp_path / "cache"))


def make_folder(root):
    write_photo(root / "cats" / "a.jpg", 80, 60, seed=1)
    write_photo(root / "cats" / "deeper" / "b.png", 40, 50, seed=2)
    write_photo(root / "dogs" / "c.webp", 64, 64, seed=3)
    write_photo(root / "dogs" / "d.JPEG", 30, 90, seed=4, mode="L")
    broken = write_broken_photos(root / "dogs")
    (root / "dogs" / "readme.txt").write_text("ignored: not a photo suffix")
    return broken


def folder_config(root, **values):
    return data_config(name="folder", dir=str(root), **values)


def test_a_folder_with_broken_files_loads_the_good_ones_and_lists_the_rest(tmp_path):
    broken = make_folder(tmp_path / "photos")
    data = load_dataset(folder_config(tmp_path / "photos", image_size=32))
    assert data.shape == (4, 3, 32, 32)
    assert data.labels is None
    assert sorted(line.split(":")[0] for line in data.skipped) == sorted(f"dogs/{name}" for name in broken)
    assert all(": " in line and line.split(": ", 1)[1] for line in data.skipped), "each line says why"


def test_classes_come_from_first_level_sub_folders(tmp_path):
    make_folder(tmp_path / "photos")
    write_photo(tmp_path / "photos" / "loose.jpg", 32, 32, seed=9)
    data = load_dataset(folder_config(tmp_path / "photos", image_size=16, classes=True))
    assert data.class_names == ("cats", "dogs")
    assert data.labels.tolist() == [0, 0, 1, 1]
    assert any(line.startswith("loose.jpg: not inside a class") for line in data.skipped)


def test_grayscale_and_the_three_resize_policies(tmp_path):
    write_photo(tmp_path / "p" / "wide.png", 80, 40, seed=5)
    for policy in ("center-crop", "stretch", "pad"):
        data = load_dataset(folder_config(tmp_path / "p", image_size=20, channels=1, resize=policy))
        assert data.shape == (1, 1, 20, 20)
    padded = load_dataset(folder_config(tmp_path / "p", image_size=20, resize="pad")).images[0]
    assert padded[:, :5].max() == 0 and padded[:, -5:].max() == 0, "pad fills above and below a wide image"


def test_the_cache_is_built_once_and_reused_without_decoding(tmp_path, monkeypatch):
    make_folder(tmp_path / "photos")
    first = load_dataset(folder_config(tmp_path / "photos", image_size=16))
    monkeypatch.setattr(image_cache, "_decode", lambda job: pytest.fail("decoded again"))
    second = load_dataset(folder_config(tmp_path / "photos", image_size=16))
    assert torch.equal(first.images, second.images)
    assert second.skipped == first.skipped
    index = torch.tensor([3, 0, 2])
    assert torch.equal(second.images_at(index), first.images[index])


def test_the_cache_follows_the_files_and_the_transform(tmp_path):
    make_folder(tmp_path / "photos")
    before = load_dataset(folder_config(tmp_path / "photos", image_size=16))
    assert len(load_dataset(folder_config(tmp_path / "photos", image_size=24))) == 4
    write_photo(tmp_path / "photos" / "cats" / "new.jpg", 50, 50, seed=7)
    after = load_dataset(folder_config(tmp_path / "photos", image_size=16))
    assert len(after) == len(before) + 1
    assert len(list((tmp_path / "cache" / "images").iterdir())) == 3


def test_without_the_cache_batches_are_decoded_and_match(tmp_path):
    make_folder(tmp_path / "photos")
    cached = load_dataset(folder_config(tmp_path / "photos", image_size=16))
    direct = load_dataset(folder_config(tmp_path / "photos", image_size=16, cache=False))
    assert not (tmp_path / "cache" / "images").exists() or len(list((tmp_path / "cache" / "images").iterdir())) == 1
    # The header check cannot see truncation, so the uncached set holds the truncated file too,
    # and replaces it by its neighbour when a batch reaches it.
    assert len(direct) == len(cached) + 1
    rows = direct.images_at(torch.arange(len(direct)))
    assert any(torch.equal(rows[i], cached.images[0]) for i in range(len(direct)))
    assert direct.skipped[-1].startswith("dogs/truncated.jpg: "), "a late failure joins the skipped list"


def test_an_interrupted_build_leaves_no_cache(tmp_path, monkeypatch):
    make_folder(tmp_path / "photos")

    def fail(job):
        raise KeyboardInterrupt

    monkeypatch.setattr(image_cache, "_decode", fail)
    with pytest.raises(KeyboardInterrupt):
        load_dataset(folder_config(tmp_path / "photos", image_size=16))
    assert list((tmp_path / "cache" / "images").iterdir()) == []


def test_many_files_decode_in_worker_processes_in_file_order(tmp_path):
    for index in range(300):
        write_photo(tmp_path / "many" / f"{index:04d}.png", 8, 8, seed=index)
    data = load_dataset(folder_config(tmp_path / "many", image_size=8))
    expected = np.asarray(__import__("PIL.Image").Image.open(tmp_path / "many" / "0123.png").convert("RGB"))
    assert np.array_equal(data.images[123].permute(1, 2, 0).numpy(), expected)


@pytest.mark.parametrize("values, message", [
    ({}, "needs the folder"),
    ({"dir": "/nowhere/at/all"}, "does not exist"),
    ({"dir": "EMPTY"}, "holds no .jpg"),
    ({"dir": "BROKEN"}, "no usable images"),
    ({"dir": "PHOTOS", "split": "test"}, "one split"),
    ({"dir": "PHOTOS", "channels": 2}, "data.channels"),
    ({"dir": "PHOTOS", "resize": "squash"}, "data.resize"),
])
def test_bad_folder_settings_are_one_line_errors(tmp_path, values, message):
    (tmp_path / "empty").mkdir()
    write_broken_photos(tmp_path / "broken")
    write_photo(tmp_path / "photos" / "a.png", 10, 10, seed=0)
    folders = {"EMPTY": tmp_path / "empty", "BROKEN": tmp_path / "broken", "PHOTOS": tmp_path / "photos"}
    if values.get("dir") in folders:
        values = {**values, "dir": str(folders[values["dir"]])}
    with pytest.raises(Exception) as caught:
        load_dataset(data_config(name="folder", **values))
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert isinstance(caught.value, DataError) or type(caught.value).__name__ == "ConfigError"


def test_exif_orientation_is_applied_and_16_bit_gray_is_scaled(tmp_path):
    from PIL import Image

    folder = tmp_path / "camera"
    folder.mkdir()
    wide = Image.new("RGB", (80, 40), (255, 255, 255))
    exif = wide.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees to display": the picture stands upright, 40 wide and 80 tall
    wide.save(folder / "phone.jpg", exif=exif)
    upright = load_dataset(folder_config(folder, image_size=20, resize="pad")).images[0]
    assert upright[:, :, :4].max() == 0 and upright[:, 4:16, 8:12].min() > 200, "padded left and right"
    deep = tmp_path / "deep"
    deep.mkdir()
    Image.fromarray(np.full((8, 8), 65535, dtype=np.uint16)).save(deep / "white.png")
    assert load_dataset(folder_config(deep, image_size=8, channels=1)).images.min() == 255


def zip_folder(folder, archive):
    import zipfile

    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(folder).as_posix())
    return archive


@pytest.mark.parametrize("cache", [True, False])
def test_a_zip_of_a_folder_reads_as_the_folder_does(tmp_path, cache):
    make_folder(tmp_path / "photos")
    archive = zip_folder(tmp_path / "photos", tmp_path / "photos.zip")
    for classes in (False, True):
        folder = load_dataset(folder_config(tmp_path / "photos", image_size=16, classes=classes, cache=cache))
        zipped = load_dataset(folder_config(archive, image_size=16, classes=classes, cache=cache))
        assert torch.equal(zipped.images_at(torch.arange(len(zipped))), folder.images_at(torch.arange(len(folder))))
        assert zipped.skipped == folder.skipped and zipped.class_names == folder.class_names
        if classes:
            assert torch.equal(zipped.labels, folder.labels)


def test_many_zip_members_decode_in_worker_processes_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(image_cache.os, "cpu_count", lambda: 2)  # forked workers even on a 1-core machine
    for index in range(300):
        write_photo(tmp_path / "many" / f"{index:04d}.png", 8, 8, seed=index)
    data = load_dataset(folder_config(zip_folder(tmp_path / "many", tmp_path / "many.zip"), image_size=8))
    expected = np.asarray(__import__("PIL.Image").Image.open(tmp_path / "many" / "0123.png").convert("RGB"))
    assert len(data) == 300
    assert np.array_equal(data.images[123].permute(1, 2, 0).numpy(), expected)


def test_a_changed_zip_builds_a_new_cache_and_a_broken_one_is_one_line(tmp_path):
    write_photo(tmp_path / "p" / "a.png", 10, 10, seed=0)
    archive = zip_folder(tmp_path / "p", tmp_path / "p.zip")
    load_dataset(folder_config(archive, image_size=8))
    write_photo(tmp_path / "p" / "a.png", 10, 10, seed=1)  # same name, other pixels
    zip_folder(tmp_path / "p", archive)
    load_dataset(folder_config(archive, image_size=8))
    assert len(list((tmp_path / "cache" / "images").iterdir())) == 2
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataError) as caught:
        load_dataset(folder_config(tmp_path / "bad.zip", image_size=8))
    assert "not a readable .zip archive" in str(caught.value) and "\n" not in str(caught.value)


def stylegan_folder(root, labels):
    """Photos as StyleGAN2-ADA's dataset tool writes them: 00000/img00000000.png ... and dataset.json."""
    names = [f"00000/img{index:08d}.png" for index in range(5)]
    for index, name in enumerate(names):
        write_photo(root / name, 12, 12, seed=index)
    (root / "dataset.json").write_text(__import__("json").dumps({"labels": labels(names)}))
    return names


@pytest.mark.parametrize("zipped", [False, True])  # zipped: one 00000/ folder beside dataset.json, not a wrapper
def test_stylegan_dataset_json_gives_the_classes(tmp_path, zipped):
    names = stylegan_folder(tmp_path / "sg", lambda names: [[name, index % 3] for index, name in enumerate(names[:4])])
    root = zip_folder(tmp_path / "sg", tmp_path / "sg.zip") if zipped else tmp_path / "sg"
    data = load_dataset(folder_config(root, image_size=8, classes=True))
    assert data.class_names == ("0", "1", "2") and data.labels.tolist() == [0, 1, 2, 0]
    assert data.skipped == (f"{names[4]}: no label in dataset.json",)


def test_a_dataset_json_without_labels_refuses_classes(tmp_path):
    stylegan_folder(tmp_path / "sg", lambda names: None)  # its 00000/ folders are chunks, not classes
    with pytest.raises(DataError, match="no labels"):
        load_dataset(folder_config(tmp_path / "sg", image_size=8, classes=True))
    assert len(load_dataset(folder_config(tmp_path / "sg", image_size=8))) == 5


def test_a_zip_of_one_folder_is_read_inside_it_without_macos_extras(tmp_path):
    import zipfile

    make_folder(tmp_path / "photos")
    plain = load_dataset(folder_config(tmp_path / "photos", image_size=16, classes=True))
    with zipfile.ZipFile(tmp_path / "wrapped.zip", "w") as out:  # as `zip -r wrapped.zip photos/` on a Mac
        for path in sorted((tmp_path / "photos").rglob("*")):
            if path.is_file():
                name = path.relative_to(tmp_path).as_posix()
                out.write(path, name)
                out.writestr(f"__MACOSX/{name.rsplit('/', 1)[0]}/._{path.name}", b"\x00\x05\x16\x07")
    wrapped = load_dataset(folder_config(tmp_path / "wrapped.zip", image_size=16, classes=True))
    assert wrapped.class_names == plain.class_names == ("cats", "dogs")
    assert torch.equal(wrapped.images, plain.images) and wrapped.skipped == plain.skipped


def test_a_zip_member_fingerprint_follows_its_bytes_not_its_size(tmp_path):
    import zipfile

    from genforge.data.image.photo_files import PhotoEntry

    fingerprints = []
    for index, content in enumerate((b"x" * 100, b"y" * 100)):
        path = tmp_path / f"p{index}.zip"
        with zipfile.ZipFile(path, "w") as out:
            out.writestr("a.png", content)
        fingerprints.append(PhotoEntry(path, "a.png", member="a.png").fingerprint())
    assert fingerprints[0] != fingerprints[1] and fingerprints[0].startswith("100:")


@pytest.mark.parametrize("text", ["{not json", '{"labels": [["a.png", [0.5, 0.5]]]}', '{"labels": 3}'])
def test_a_bad_dataset_json_is_one_line(tmp_path, text):
    stylegan_folder(tmp_path / "sg", lambda names: None)
    (tmp_path / "sg" / "dataset.json").write_text(text)
    with pytest.raises(DataError) as caught:
        load_dataset(folder_config(tmp_path / "sg", image_size=8, classes=True))
    assert "dataset.json" in str(caught.value) and "\n" not in str(caught.value)



def write_icon(path, mode: str) -> None:
    """A dark glyph on transparent pixels, like Adwaita's icons: RGBA, LA, or a palette PNG whose
    transparent colour is index 0."""
    from PIL import Image

    glyph = np.zeros((32, 32), dtype=bool)
    glyph[12:20, 6:26] = True
    if mode == "P":
        indices = np.where(glyph, 1, 0).astype(np.uint8)
        picture = Image.fromarray(indices, "P")
        picture.putpalette([255, 0, 0, 30, 30, 30] + [0] * 762)
        picture.save(path, transparency=0)
        return
    alpha = np.where(glyph, 255, 0).astype(np.uint8)
    dark = np.full((32, 32), 30, dtype=np.uint8)
    channels = [dark, dark, dark, alpha] if mode == "RGBA" else [dark, alpha]
    Image.fromarray(np.stack(channels, -1), mode).save(path)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_transparent_pixels_are_composited_over_the_background(tmp_path, mode, capsys):
    (tmp_path / "icons").mkdir()
    for index in range(3):
        write_icon(tmp_path / "icons" / f"{index}.png", mode)
    write_photo(tmp_path / "icons" / "opaque.png", 32, 32, seed=1)
    white = load_dataset(folder_config(tmp_path / "icons", image_size=32)).images
    assert "3 of 4 images had transparent pixels" in capsys.readouterr().out
    black = load_dataset(folder_config(tmp_path / "icons", image_size=32, background="black")).images
    glyph = (slice(None), slice(None), slice(13, 19), slice(8, 24))
    assert white[:3].float().mean() > 180 and black[:3].float().mean() < 40  # not almost entirely black
    assert (white[:3][glyph] < 60).all() and (black[:3][glyph] < 60).all()  # the glyph stays dark on both
    assert torch.equal(white[3], black[3])  # an opaque photo does not change
    teal = load_dataset(folder_config(tmp_path / "icons", image_size=32, background="#008080")).images
    assert teal[0, :, 0, 0].tolist() == [0, 128, 128]


def test_a_bad_background_is_one_line(tmp_path):
    write_photo(tmp_path / "p" / "a.png", 20, 20, seed=0)
    with pytest.raises(ConfigError, match="data.background must be white, black or #rrggbb"):
        load_dataset(folder_config(tmp_path / "p", background="mauve"))
