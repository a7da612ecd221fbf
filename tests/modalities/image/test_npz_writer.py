import numpy as np
import pytest

from genforge.modalities.image.npz_writer import ChunkedNpzWriter


def test_chunks_read_back_as_one_array(tmp_path):
    images = np.random.default_rng(0).integers(0, 255, (250, 4, 4, 1), dtype=np.uint8)
    labels = np.arange(250) % 3
    with ChunkedNpzWriter(tmp_path / "s.npz") as writer:
        writer.begin("images", images.shape, np.uint8)
        for start in range(0, 250, 100):
            writer.write(images[start:start + 100])
        writer.begin("labels", labels.shape, np.int64)
        writer.write(labels)
    with np.load(tmp_path / "s.npz", allow_pickle=False) as arrays:
        assert np.array_equal(arrays["images"], images) and np.array_equal(arrays["labels"], labels)
    assert [p.name for p in tmp_path.iterdir()] == ["s.npz"]


def test_a_failure_mid_way_leaves_no_file(tmp_path):
    with pytest.raises(RuntimeError):
        with ChunkedNpzWriter(tmp_path / "s.npz") as writer:
            writer.begin("images", (10, 2), np.uint8)
            writer.write(np.zeros((5, 2), np.uint8))
            raise RuntimeError("the sampler failed")
    assert list(tmp_path.iterdir()) == []


def test_rows_that_do_not_fit_and_missing_rows_are_refused(tmp_path):
    with pytest.raises(ValueError, match="do not fit"):
        with ChunkedNpzWriter(tmp_path / "s.npz") as writer:
            writer.begin("images", (4, 2), np.uint8)
            writer.write(np.zeros((4, 3), np.uint8))
    with pytest.raises(ValueError, match="never written"):
        with ChunkedNpzWriter(tmp_path / "t.npz") as writer:
            writer.begin("images", (4, 2), np.uint8)
            writer.write(np.zeros((3, 2), np.uint8))
    assert list(tmp_path.iterdir()) == []
