"""Training on photos from the command line: an image folder with broken files, and CelebA presets."""

import numpy as np
import pytest
import torch
from helpers import write_broken_photos, write_photo, write_tiny_celeba

from genforge.cli.main import main

TINY = ["--steps", "3", "--batch-size", "4", "--checkpoint-every", "3", "--log-every", "1"]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GENFORGE_CACHE", str(tmp_path / "cache"))


def small_networks(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text("model:\n  generator_width: 4\n  discriminator_width: 4\n  latent_dim: 8\n")
    return str(path)


def test_a_folder_with_broken_files_trains_and_lists_them(tmp_path, capsys):
    for index in range(10):
        write_photo(tmp_path / "photos" / f"{index}.jpg", 48, 40, seed=index)
    broken = write_broken_photos(tmp_path / "photos" / "bad")
    run = tmp_path / "run"
    assert main(["train", "--images", str(tmp_path / "photos"), "--image-size", "32", "--config",
                 small_networks(tmp_path), "--out", str(run), *TINY]) == 0
    listed = (run / "skipped-files.txt").read_text().splitlines()
    assert sorted(line.split(":")[0] for line in listed) == sorted(f"bad/{name}" for name in broken)
    assert "skipped 3 unusable file(s)" in capsys.readouterr().out
    assert main(["sample", str(run), "--n", "4", "--out", str(tmp_path / "s.npz")]) == 0
    assert np.load(tmp_path / "s.npz")["images"].shape == (4, 32, 32, 3)
    assert main(["report", str(run), "--no-eval"]) == 0
    assert "pixels of 32x32 thumbnails, 10 of 10 training images" in (run / "report.html").read_text()


def test_mirror_trains_on_flipped_photos_and_a_subset_on_fewer(tmp_path, monkeypatch):
    from genforge.models.gan.model import GAN

    for index in range(10):
        write_photo(tmp_path / "photos" / f"{index}.jpg", 48, 40, seed=index)
    seen = {}
    original = GAN.train_step

    def recording(self, batch, *args, **kwargs):
        seen.setdefault(run_name, []).append(batch.x.clone())
        return original(self, batch, *args, **kwargs)

    monkeypatch.setattr(GAN, "train_step", recording)
    for run_name, flags in {"plain": [], "mirror": ["--mirror"], "subset": ["--max-images", "5"]}.items():
        assert main(["train", "--images", str(tmp_path / "photos"), "--image-size", "32", "--config",
                     small_networks(tmp_path), "--out", str(tmp_path / run_name), *flags, *TINY]) == 0
    plain, mirror = torch.cat(seen["plain"]), torch.cat(seen["mirror"])
    flipped = [not torch.equal(a, b) for a, b in zip(plain, mirror)]
    assert 0 < sum(flipped) < len(flipped), "some images flipped, not all"
    assert all(torch.equal(a.flip(-1), b) for a, b, f in zip(plain, mirror, flipped) if f)
    distinct = {tuple(image.flatten().tolist()) for image in torch.cat(seen["subset"])}
    assert len(distinct) == 5
    assert "max_images: 5" in (tmp_path / "subset" / "config.yaml").read_text()


def test_a_resume_whose_model_no_longer_fits_the_checkpoint_is_one_line(tmp_path, capsys):
    for index in range(8):
        write_photo(tmp_path / "photos" / ("cats" if index % 2 else "dogs") / f"{index}.jpg", 40, 40, seed=index)
    config = tmp_path / "conditional.yaml"
    config.write_text(open(small_networks(tmp_path)).read() + "  conditional: true\n")
    run = tmp_path / "run"
    assert main(["train", "--images", str(tmp_path / "photos"), "--classes", "--image-size", "32", "--config",
                 str(config), "--out", str(run), *TINY]) == 0
    before = (run / "config.yaml").read_text()
    write_photo(tmp_path / "photos" / "birds" / "new.jpg", 40, 40, seed=9)  # a third class: other embeddings
    capsys.readouterr()
    assert main(["train", "--resume", str(run), "--steps", "6"]) == 2
    err = capsys.readouterr().err
    assert "do not fit the model these settings build" in err and len(err.strip().splitlines()) == 1
    assert (run / "config.yaml").read_text() == before


@pytest.mark.parametrize("flags, message", [(["--max-images", "0"], "data.max_images must be in [1,"),
                                            (["--max-images", "3"], "exceeds the dataset's 3 images")])
def test_a_bad_subset_is_one_line_exit_2(tmp_path, capsys, flags, message):
    for index in range(6):
        write_photo(tmp_path / "photos" / f"{index}.jpg", 20, 20, seed=index)
    assert main(["train", "--images", str(tmp_path / "photos"), "--image-size", "32", "--config",
                 small_networks(tmp_path), "--out", str(tmp_path / "run"), *flags, *TINY]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_prepare_builds_the_cache_that_training_then_reads(tmp_path, capsys, monkeypatch):
    from genforge.data.image import image_cache

    for index in range(7):
        write_photo(tmp_path / "photos" / f"{index}.jpg", 48, 40, seed=index)
    broken = write_broken_photos(tmp_path / "photos" / "bad")
    assert main(["prepare", "--images", str(tmp_path / "photos"), "--image-size", "32"]) == 0
    out = capsys.readouterr().out
    assert "folder:photos: 7 images of 3x32x32, cached in " in out
    assert f"skipped {len(broken)} unusable file(s):" in out and "bad/empty.jpg: empty file" in out
    monkeypatch.setattr(image_cache, "_decode", lambda job: pytest.fail("training decoded a photo again"))
    assert main(["train", "--images", str(tmp_path / "photos"), "--image-size", "32", "--config",
                 small_networks(tmp_path), "--out", str(tmp_path / "run"), *TINY]) == 0


def test_prepare_takes_a_preset_and_a_split_and_refuses_a_missing_folder(tmp_path, capsys):
    write_tiny_celeba(tmp_path / "faces")
    assert main(["prepare", "--preset", "dcgan-celeba64", "--data-dir", str(tmp_path / "faces"), "--split", "all",
                 "--attributes", "Smiling"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("celeba:all: 12 images of 3x64x64, cached in ") and "2 classes: not Smiling, Smiling" in out
    assert main(["prepare", "--images", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("preset", ["dcgan-celeba64", "seed-celeba128"])
def test_celeba_presets_train(tmp_path, preset):
    write_tiny_celeba(tmp_path / "faces")
    extra = ["--config", small_networks(tmp_path)] if preset.startswith("dcgan") else []
    assert main(["train", "--preset", preset, "--data-dir", str(tmp_path / "faces"), *extra,
                 "--out", str(tmp_path / "run"), *TINY]) == 0
    size = 64 if preset.endswith("64") else 128
    assert (tmp_path / "run" / "real_vs_generated.png").is_file()
    assert main(["sample", str(tmp_path / "run"), "--n", "2", "--out", str(tmp_path / "s.npz")]) == 0
    assert np.load(tmp_path / "s.npz")["images"].shape == (2, size, size, 3)


def test_a_conditional_gan_on_celeba_attributes(tmp_path):
    write_tiny_celeba(tmp_path / "faces")
    run = tmp_path / "run"
    assert main(["train", "--preset", "dcgan-celeba64", "--config", small_networks(tmp_path), "--data-dir",
                 str(tmp_path / "faces"), "--attributes", "Smiling", "--image-size", "32",
                 "--out", str(run), *TINY]) == 0
    text = (run / "config.yaml").read_text()
    assert "attributes: Smiling" in text


def test_missing_celeba_is_one_line_exit_2(tmp_path, capsys):
    assert main(["train", "--preset", "dcgan-celeba64", "--data-dir", str(tmp_path / "none"),
                 "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert "img_align_celeba" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()
