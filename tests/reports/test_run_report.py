"""`genforge report`: a page that needs no network, with every section a run has material for, its
pictures written beside it in report_files/."""

import base64
import io
import json
import re
from pathlib import Path

from PIL import Image
from report_runs import train_tiny

from genforge.cli.main import main


def page_images(page: Path) -> list[Image.Image]:
    """Every picture the page shows: files beside it (report_files/), or data URIs."""
    pictures = []
    for source in re.findall(r'<img src="([^"]+)"', page.read_text()):
        if source.startswith("data:image/png;base64,"):
            pictures.append(Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1]))))
        else:
            assert source.startswith(f"{page.stem}_files/") and (page.parent / source).is_file(), source
            pictures.append(Image.open(page.parent / source))
    return pictures


def test_a_gan_report_shows_its_metrics_curves_timeline_and_neighbours(tmp_path, tiny_data_dir):
    run = train_tiny(tmp_path, tiny_data_dir, "gan")
    assert main(["report", run, "--n", "64"]) == 0
    html = (Path(run) / "report.html").read_text()
    evaluation = json.loads((Path(run) / "eval.json").read_text())
    fid = evaluation["metrics"]["FID[fmnist-cnn]"]
    assert "FID[fmnist-cnn]" in html and f"{fid:.4f}" in html
    for heading in ("Summary", "Metrics", "Training curves", "Fixed-noise samples over training",
                    "Real versus generated", "Nearest training images", "Configuration", "Machine"):
        assert f"<h2>{heading}" in html, heading
    assert "Stability-guard events" not in html and "One row per class" not in html
    assert "http://" not in html and "https://" not in html, "self-contained: nothing fetched"
    pictures = page_images(Path(run) / "report.html")
    assert len(pictures) >= 6 and all(p.width > 0 for p in pictures)
    assert "step 4<" in html and "step 12<" in html, "the timeline runs from the first grid to the last"


def test_conditional_and_vae_sections(tmp_path, tiny_data_dir):
    cond = train_tiny(tmp_path, tiny_data_dir, "cond", model="hinge-cond")
    assert main(["report", cond, "--no-eval"]) == 0
    html = (Path(cond) / "report.html").read_text()
    assert "<h2>One row per class</h2>" in html and "Not evaluated yet" in html
    vae = train_tiny(tmp_path, tiny_data_dir, "vae", model="vae")
    assert main(["report", vae, "--n", "64"]) == 0
    html = (Path(vae) / "report.html").read_text()
    for heading in ("<h2>Reconstructions</h2>", "<h2>Interpolation</h2>", "<h3>Test-set likelihood</h3>"):
        assert heading in html
    likelihood = json.loads((Path(vae) / "likelihood.json").read_text())
    assert f"{likelihood['nll_nats_per_image']:.2f}" in html and "Bernoulli" in html


def test_stability_guard_events_are_listed(tmp_path, tiny_data_dir):
    run = train_tiny(tmp_path, tiny_data_dir, "guarded")
    event = {"step": 8, "seconds": 1.0, "event": "rollback", "reason": "non-finite loss_d", "failed_at_step": 9,
             "lr_scale": 0.5}
    with open(Path(run) / "metrics.jsonl", "a") as handle:
        handle.write(json.dumps(event) + "\n")
    assert main(["report", run, "--no-eval"]) == 0
    html = (Path(run) / "report.html").read_text()
    assert "<h2>Stability-guard events</h2>" in html and "non-finite loss_d" in html


def test_report_of_a_non_run_is_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "not a genforge run folder" in capsys.readouterr().err


def test_the_pictures_folder_keeps_what_genforge_did_not_write_and_links_survive_odd_names(tmp_path, tiny_data_dir):
    run = train_tiny(tmp_path, tiny_data_dir, "gan")
    page = tmp_path / "site" / "run#3.html"
    media = page.parent / "run#3_files"
    (media / "saved-by-a-browser").mkdir(parents=True)
    (media / "notes.txt").write_text("mine")
    stale = media / ("0" * 20 + ".png")
    stale.write_bytes(b"an earlier render's picture")
    assert main(["report", run, "--no-eval", "--out", str(page)]) == 0
    assert (media / "notes.txt").read_text() == "mine" and (media / "saved-by-a-browser").is_dir()
    assert not stale.exists()  # a picture of its own that the new page no longer shows
    sources = re.findall(r'<img src="([^"]+)"', page.read_text())
    assert sources and all(source.startswith("run%233_files/") for source in sources)
    from urllib.parse import unquote
    assert all((page.parent / unquote(source)).is_file() for source in sources)
