import numpy as np
import pytest
from PIL import Image

from genforge.core.errors import EvalError
from genforge.metrics.image.sources import load_source


def write_png(path, size=(28, 28), mode="L", value=128):
    Image.new(mode, size, value if mode == "L" else (value, 0, 0)).save(path)


def test_folder_skips_unreadable_files_and_says_so(tmp_path):
    for i in range(3):
        write_png(tmp_path / f"{i}.png")
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff garbage")
    source = load_source(str(tmp_path), None, 0)
    assert source.images.shape == (3, 1, 28, 28)
    assert "skipped 2 unreadable file(s)" in source.notes[0]


def test_folder_of_mixed_sizes_is_refused_with_counts(tmp_path):
    write_png(tmp_path / "a.png")
    write_png(tmp_path / "b.png")
    write_png(tmp_path / "c.png", size=(32, 32))
    with pytest.raises(EvalError, match=r"28x28 \(2 files\), 32x32 \(1 files\)"):
        load_source(str(tmp_path), None, 0)


def test_mixed_gray_and_colour_become_rgb(tmp_path):
    write_png(tmp_path / "a.png")
    write_png(tmp_path / "b.png", mode="RGB")
    source = load_source(str(tmp_path), None, 0)
    assert source.images.shape == (2, 3, 28, 28) and "converted to RGB" in source.notes[0]


def test_empty_folder(tmp_path):
    with pytest.raises(EvalError, match="no readable images"):
        load_source(str(tmp_path), None, 0)


@pytest.mark.parametrize("shape", [(5, 28, 28, 1), (5, 1, 28, 28), (5, 28, 28)])
def test_npz_layouts(tmp_path, shape):
    np.savez(tmp_path / "s.npz", images=np.zeros(shape, np.uint8))
    assert load_source(str(tmp_path / "s.npz"), None, 0).images.shape == (5, 1, 28, 28)


def test_npz_with_nan_floats_is_refused(tmp_path):
    images = np.zeros((4, 28, 28, 1), np.float32)
    images[0, 0, 0, 0] = np.nan
    np.savez(tmp_path / "s.npz", images=images)
    with pytest.raises(EvalError, match="must be uint8 in 0..255, found float32 and holds NaN"):
        load_source(str(tmp_path / "s.npz"), None, 0)


def test_seeded_subset_and_unknown_source(tmp_path):
    np.savez(tmp_path / "s.npz", images=np.arange(20, dtype=np.uint8).reshape(20, 1, 1, 1).repeat(4, 2))
    a = load_source(str(tmp_path / "s.npz"), 5, seed=1).images
    assert a.shape[0] == 5 and (a == load_source(str(tmp_path / "s.npz"), 5, seed=1).images).all()
    with pytest.raises(EvalError, match="not a dataset name"):
        load_source(str(tmp_path / "nothing-here"), None, 0)
