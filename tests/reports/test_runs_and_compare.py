"""`genforge runs` (states), `genforge compare` (leaderboard) and `--tensorboard`."""

import json
import subprocess
import sys
from pathlib import Path

from report_runs import train_tiny

from genforge.cli.main import main


def fake_evaluation(run: str, fid: float) -> None:
    metrics = {"FID[fmnist-cnn]": fid, "IS[fmnist-cnn]": 2.0, "IS[fmnist-cnn] std": 0.1, "KID[fmnist-cnn]": 0.01,
               "precision[fmnist-cnn]": 0.5, "recall[fmnist-cnn]": 0.4}
    record = {"metrics": metrics, "fake": {"source": run, "count": 100}, "real": {"source": "x", "count": 100},
              "extractor": {"name": "fmnist-cnn", "weights_sha256": "0" * 64}}
    (Path(run) / "eval.json").write_text(json.dumps(record))


def test_runs_lists_finished_stopped_and_crashed(tmp_path, tiny_data_dir, capsys):
    runs = tmp_path / "runs"
    runs.mkdir()
    finished = train_tiny(runs, tiny_data_dir, "done", steps=4)
    fake_evaluation(finished, 12.5)
    crashed = train_tiny(runs, tiny_data_dir, "killed", steps=4)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    status = json.loads((Path(crashed) / "status.json").read_text())
    (Path(crashed) / "status.json").write_text(json.dumps({**status, "state": "running", "pid": int(gone.stdout)}))
    stopped = train_tiny(runs, tiny_data_dir, "paused", steps=4)
    status = json.loads((Path(stopped) / "status.json").read_text())
    (Path(stopped) / "status.json").write_text(json.dumps({**status, "state": "stopped"}))
    capsys.readouterr()
    assert main(["runs", str(runs)]) == 0
    lines = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:]}
    assert lines["done"][2:4] == ["finished", "4"] and "12.50" in lines["done"]
    assert lines["killed"][2] == "crashed" and lines["paused"][2] == "stopped"


def test_compare_ranks_by_fid_in_markdown_and_html(tmp_path, tiny_data_dir, capsys):
    a = train_tiny(tmp_path, tiny_data_dir, "a", steps=4)
    b = train_tiny(tmp_path, tiny_data_dir, "b", steps=4)
    fake_evaluation(a, 20.0)
    fake_evaluation(b, 10.0)
    capsys.readouterr()
    assert main(["compare", a, b, "--format", "md"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[2].startswith("| b |") and table[3].startswith("| a |") and "10.00" in table[2]
    assert main(["compare", str(tmp_path), "--out", str(tmp_path / "c.html")]) == 0
    html = (tmp_path / "c.html").read_text()
    assert 'class="sortable"' in html and html.count("<figure>") == 2 and "http" not in html


def test_tensorboard_logs_scalars_and_grids(tmp_path, tiny_data_dir):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run = train_tiny(tmp_path, tiny_data_dir, "tb", steps=4, extra=("--tensorboard",))
    events = EventAccumulator(str(Path(run) / "tb"), size_guidance={"images": 0})
    events.Reload()
    assert {"loss_d", "loss_g", "images_per_second"} <= set(events.Tags()["scalars"])
    assert [e.step for e in events.Scalars("loss_d")] == [2, 4]
    assert "samples" in events.Tags()["images"]
