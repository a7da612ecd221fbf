"""An image-to-image run end to end: it trains on pairs made from the images, previews input | output
| target, its evaluation scores PSNR and SSIM beside the task's baselines on the same pairs, and its
tool writes the user's picture; known pixels of an inpainting are the input's."""

import json

import numpy as np
import torch
from PIL import Image

from genforge import load
from genforge.pipelines import train
from genforge.pipelines.evaluation import EvalRequest, evaluate_run
from genforge.pipelines.image.image_tools import inpaint_files, upscale_files
from genforge.training.run_config import build_run_config


def task_run(tmp_path, tiny_data_dir, model: str, **task):
    values = {"model": {"name": model, "width": 4, **({"discriminator_width": 4} if model == "pix2pix" else {})},
              "data": {"name": "fashion-mnist", "dir": str(tiny_data_dir), **task},
              "train": {"steps": 3, "batch_size": 8, "seed": 1, "checkpoint_every": 3, "log_every": 1}}
    result = train(build_run_config(values), tmp_path / model)
    return tmp_path / model, result


def test_a_super_resolution_run_is_scored_beside_bicubic_and_upscales_a_picture(tmp_path, tiny_data_dir):
    run, result = task_run(tmp_path, tiny_data_dir, "pix2pix", task="super-resolution", factor=4)
    preview = Image.open(result.files["input | output | target"])
    assert preview.size[0] > 3 * 28  # three columns
    evaluation, _ = evaluate_run(run, EvalRequest(count=16))
    values = evaluation.values
    assert {"PSNR (dB)", "SSIM", "PSNR (dB) (bicubic)", "SSIM (bicubic)"} <= set(values)
    assert 0 < values["PSNR (dB) (bicubic)"] < 60 and -1 <= values["SSIM (bicubic)"] <= 1
    assert json.loads((run / "eval.json").read_text())["kind"] == "task-metrics"
    small = tmp_path / "small.png"
    Image.fromarray(np.full((7, 7), 200, dtype=np.uint8)).save(small)
    assert upscale_files(str(run), [(small, tmp_path / "big.png")]) == 1
    assert Image.open(tmp_path / "big.png").size == (28, 28)


def test_an_inpainting_keeps_the_known_pixels_and_is_scored_beside_its_baselines(tmp_path, tiny_data_dir):
    run, _ = task_run(tmp_path, tiny_data_dir, "unet-l1", task="inpaint", mask="centre", hole_fraction=0.25)
    model = load(run)
    images = torch.rand(2, 1, 28, 28) * 2 - 1
    masks = torch.zeros(2, 1, 28, 28)
    masks[..., 10:18, 10:18] = 1
    completed = model.inpaint(images, masks)
    assert torch.equal(completed[masks.expand_as(images) == 0], images[masks.expand_as(images) == 0])
    evaluation, _ = evaluate_run(run, EvalRequest(count=8))
    assert {"L1 in the hole", "L1 in the hole (mean colour)", "PSNR (dB) (biharmonic)"} <= set(evaluation.values)
    picture = tmp_path / "in.png"
    Image.fromarray(np.full((28, 28), 90, dtype=np.uint8)).save(picture)
    assert inpaint_files(str(run), [(picture, tmp_path / "out.png")], None, "4,4,8,8") == 1
    out = np.asarray(Image.open(tmp_path / "out.png"))
    assert out.shape == (28, 28) and (out[20:, 20:] == 90).all()  # outside the box: the input's pixels


def test_a_cyclegan_run_on_two_classes_is_scored_by_the_classifier_and_its_cycles(tmp_path, tiny_data_dir):
    from genforge.pipelines.image.image_tools import translate_files

    values = {"model": {"name": "cyclegan", "width": 4, "discriminator_width": 4, "residual_blocks": 1, "history": 4},
              "data": {"name": "fashion-mnist", "dir": str(tiny_data_dir), "domain_a": "sneaker",
                       "domain_b": "ankle-boot"},
              "train": {"steps": 2, "batch_size": 4, "seed": 1, "checkpoint_every": 2, "log_every": 1}}
    result = train(build_run_config(values), tmp_path / "cycle")
    assert Image.open(result.files["a -> b -> a, b -> a -> b"]).size[0] > 3 * 28
    evaluation, _ = evaluate_run(tmp_path / "cycle", EvalRequest(count=8))
    shown = evaluation.values
    assert 0 <= shown["a2b: classified as Ankle boot"] <= 1 and 0 <= shown["b2a: classified as Sneaker (identity)"] <= 1
    assert "cycle a -> b -> a: PSNR (dB)" in shown and "cycle b -> a -> b: SSIM" in shown
    picture = tmp_path / "shoe.png"
    Image.fromarray(np.full((28, 28), 30, dtype=np.uint8)).save(picture)
    assert translate_files(str(tmp_path / "cycle"), [(picture, tmp_path / "boot.png")], "b2a") == 1
    assert Image.open(tmp_path / "boot.png").size == (28, 28)
