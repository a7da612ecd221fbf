"""Runs every case of the malformed-input table (cases.py) through the real command line, in process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from cases import CASES  # noqa: E402
from context import Context, TextRuns, copy_run, half_written, tree_digest  # noqa: E402

from genforge.cli.main import main  # noqa: E402
from genforge.training.run_config import build_run_config  # noqa: E402
from genforge.pipelines import train  # noqa: E402


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory, tiny_data_dir) -> Path:
    """A tiny DCGAN run with checkpoints at steps 0, 4 and 8."""
    values = {"model": {"name": "dcgan", "latent_dim": 8, "generator_width": 8, "discriminator_width": 8},
              "data": {"name": "fashion-mnist", "dir": str(tiny_data_dir)},
              "train": {"steps": 8, "batch_size": 16, "seed": 3, "checkpoint_every": 4, "log_every": 2,
                        "grid_size": 16}}
    folder = tmp_path_factory.mktemp("trained") / "run"
    train(build_run_config(values), folder)
    return folder


@pytest.fixture(scope="module")
def text_runs(tmp_path_factory) -> TextRuns:
    """Tiny text runs (lm, seq2seq, sentence-vae), each trained when a case first asks for it."""
    return TextRuns(tmp_path_factory.mktemp("text-runs"))


def test_every_category_has_cases():
    categories = {case.category for case in CASES}
    assert {"overwrite", "one writer", "checkpoint state", "fallback", "disk full", "config numbers", "bad yaml",
            "bounded output", "idx files", "photos", "planted pickle", "npz", "flags", "text files",
            "text sampling"} <= categories
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input(case, tmp_path, trained_run, text_runs, tiny_data_dir, monkeypatch, capsys):
    monkeypatch.setenv("GENFORGE_DATA", str(tiny_data_dir))
    monkeypatch.chdir(tmp_path)
    ctx = Context(tmp_path, copy_run(trained_run, tmp_path / "run"), tiny_data_dir, monkeypatch, text_runs=text_runs)
    try:
        argv = case.build(ctx)
        before = {path: tree_digest(path) for path in ctx.protected}
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own exits
            code = exit_.code
        err = capsys.readouterr().err
    finally:
        for cleanup in ctx.cleanups:
            cleanup()
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == case.exit_code, f"exit {code}, stderr:\n{err}"
    assert "Traceback" not in err
    if case.exit_code != 0:
        assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
        assert "error:" in lines[0]
    else:
        assert len(lines) <= 1 and all("warning:" in line for line in lines), err
    if case.says:
        assert lines and case.says in lines[0], f"expected {case.says!r} in:\n{err}"
    for path, digest in before.items():
        assert path.exists() and tree_digest(path) == digest, f"{path} was changed"
    assert half_written(tmp_path) == []
    if case.then:
        case.then(ctx)
