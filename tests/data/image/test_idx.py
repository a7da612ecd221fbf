import gzip

import numpy as np
import pytest

from genforge.data import data_config
from genforge.data import load_dataset
from genforge.data.image.idx import read_idx
from genforge.core.errors import DataError
from helpers import idx_bytes, write_idx, write_tiny_fashion_mnist


def test_reads_plain_and_gzipped_files(tmp_path):
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    for gz in (False, True):
        path = write_idx(tmp_path / f"a{gz}", array, gz=gz)
        assert read_idx(path).numpy().tolist() == array.tolist()


def test_truncated_data_names_file_and_sizes(tmp_path):
    path = tmp_path / "images"
    path.write_bytes(idx_bytes(np.zeros((10, 28, 28), np.uint8))[:-100])
    with pytest.raises(DataError, match=r"images: truncated: shape \(10, 28, 28\) needs 7840 bytes of data, found 7740"):
        read_idx(path)


def test_truncated_gzip_stream(tmp_path):
    path = tmp_path / "images.gz"
    path.write_bytes(gzip.compress(idx_bytes(np.zeros((10, 28, 28), np.uint8)))[:-30])
    with pytest.raises(DataError, match="images.gz: corrupt or truncated gzip"):
        read_idx(path)


def test_wrong_magic(tmp_path):
    path = tmp_path / "bad"
    path.write_bytes(b"\x89PNG" + bytes(100))
    with pytest.raises(DataError, match="bad: wrong magic number 89504e47"):
        read_idx(path)


def test_non_byte_type_code(tmp_path):
    path = tmp_path / "floats"
    path.write_bytes(bytes([0, 0, 0x0D, 1]) + (4).to_bytes(4, "big") + bytes(16))
    with pytest.raises(DataError, match="type code 0x0d"):
        read_idx(path)


def test_trailing_bytes_are_an_error(tmp_path):
    path = tmp_path / "long"
    path.write_bytes(idx_bytes(np.zeros((2, 2), np.uint8)) + b"xx")
    with pytest.raises(DataError, match="2 unexpected bytes"):
        read_idx(path)


def test_missing_file_is_named(tmp_path):
    write_tiny_fashion_mnist(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte\\[.gz\\]: file not found"):
        load_dataset(data_config(dir=str(tmp_path), split="test"))


def test_missing_folder(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_dataset(data_config(dir=str(tmp_path / "nowhere")))


def test_label_count_mismatch(tmp_path):
    write_tiny_fashion_mnist(tmp_path, train_count=32)
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(31, np.uint8))
    with pytest.raises(DataError, match="31 labels for 32 images"):
        load_dataset(data_config(dir=str(tmp_path)))


def test_wrong_image_shape(tmp_path):
    write_tiny_fashion_mnist(tmp_path, train_count=4)
    write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((4, 32, 32), np.uint8))
    with pytest.raises(DataError, match=r"expected images of shape \(N, 28, 28\)"):
        load_dataset(data_config(dir=str(tmp_path)))


def test_loads_uncompressed_folder_as_uint8_nchw(tmp_path):
    write_tiny_fashion_mnist(tmp_path, train_count=20, gz=False)
    data = load_dataset(data_config(dir=str(tmp_path)))
    assert data.images.shape == (20, 1, 28, 28) and str(data.images.dtype) == "torch.uint8"
    assert data.labels.shape == (20,) and len(data.class_names) == 10


def test_environment_variable_points_at_data(tmp_path, monkeypatch):
    write_tiny_fashion_mnist(tmp_path, train_count=8)
    monkeypatch.setenv("GENFORGE_DATA", str(tmp_path))
    assert len(load_dataset(data_config())) == 8


def test_real_fashion_mnist_counts(real_fashion_mnist):
    train = load_dataset(data_config(dir=str(real_fashion_mnist)))
    test = load_dataset(data_config(dir=str(real_fashion_mnist), split="test"))
    assert train.images.shape == (60000, 1, 28, 28)
    assert test.images.shape == (10000, 1, 28, 28)
    assert sorted(train.labels.unique().tolist()) == list(range(10))
