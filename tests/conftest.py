import os
import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).parent))
from helpers import write_tiny_fashion_mnist  # noqa: E402
from tiny import TINY_GAN, TINY_MODELS  # noqa: E402

# Determinism: the same thread count in every test run; one each where pytest-xdist runs a worker per core.
torch.set_num_threads(1 if os.environ.get("PYTEST_XDIST_WORKER") else min(2, os.cpu_count() or 1))

@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Reference features and prepared weights go to a fresh folder, never the user's cache."""
    os.environ["GENFORGE_CACHE"] = str(tmp_path_factory.mktemp("genforge-cache"))


REAL_FASHION_MNIST = Path(os.environ.get("GENFORGE_DATA", "/usr/share/datasets/fashion-mnist"))


@pytest.fixture(scope="session")
def tiny_data_dir(tmp_path_factory) -> Path:
    return write_tiny_fashion_mnist(tmp_path_factory.mktemp("tiny-fmnist"))


@pytest.fixture
def tiny_config_values(tiny_data_dir):
    """A run config small enough to train in well under a second per dozen steps."""
    return {
        "model": {"name": "dcgan", **TINY_GAN},
        "data": {"name": "fashion-mnist", "dir": str(tiny_data_dir)},
        "train": {"steps": 12, "batch_size": 16, "seed": 3, "checkpoint_every": 4,
                  "log_every": 2, "grid_size": 16},
    }


@pytest.fixture
def tiny_text_config_values():
    """The character model, tiny, on the shipped tiny-shakespeare in 16-character windows."""
    return {
        "model": {"name": "char-lm", **TINY_MODELS["char-lm"], "dropout": 0.0},
        "data": {"name": "tinyshakespeare", "sequence_length": 16},
        "train": {"steps": 12, "batch_size": 8, "seed": 3, "checkpoint_every": 4, "log_every": 2},
    }


@pytest.fixture(scope="session")
def real_fashion_mnist() -> Path:
    if not (REAL_FASHION_MNIST / "train-images-idx3-ubyte.gz").exists() and not os.environ.get("CI"):
        pytest.skip("Fashion-MNIST is not installed here (make test installs it)")
    return REAL_FASHION_MNIST


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_sessionstart(session):
    """Screenshots of the browser tests are from this run only."""
    for old in ARTIFACTS.glob("*.png") if ARTIFACTS.is_dir() else []:
        old.unlink()


def pytest_terminal_summary(terminalreporter):
    shots = sorted(ARTIFACTS.glob("*.png")) if ARTIFACTS.is_dir() else []
    if shots:
        terminalreporter.write_line("browser screenshots: " + ", ".join(str(shot) for shot in shots))


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (`make test` runs a worker per core), the browser tests share one worker and the
    torchrun tests another (`--dist loadgroup`): each group starts its processes one at a time."""
    for item in items:
        for group in ("browser", "distributed"):
            if item.get_closest_marker(group):
                item.add_marker(pytest.mark.xdist_group(group))
