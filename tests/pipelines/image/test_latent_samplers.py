"""Ex-post samplers and latent tools, through the command line on the tiny dataset."""

import math

import numpy as np
import torch
from PIL import Image

from genforge.cli.main import main
from genforge.models.vae.samplers import fit_gaussian_mixture
from genforge.models.latent_image import slerp

TINY = ["--steps", "4", "--batch-size", "16", "--checkpoint-every", "4", "--log-every", "2"]


def test_gmm_samples_match_the_fitted_moments():
    generator = torch.Generator().manual_seed(0)
    data = torch.cat([torch.randn(3000, 2, generator=generator) * 0.3 + torch.tensor([2.0, 0.0]),
                      torch.randn(1000, 2, generator=generator) * 0.5 - torch.tensor([0.0, 3.0])])
    mixture = fit_gaussian_mixture(data, components=2, iterations=50)
    mean, covariance = mixture.moments()
    samples = mixture.sample(200_000, torch.Generator().manual_seed(1))
    assert torch.allclose(samples.mean(0), mean, atol=0.02)
    assert torch.allclose(torch.cov(samples.T), covariance, atol=0.03)
    assert torch.allclose(mean, data.double().mean(0), atol=1e-3)  # EM keeps the data's mean
    small, large = sorted(mixture.weights.tolist())
    assert math.isclose(small, 0.25, abs_tol=0.01) and math.isclose(large, 0.75, abs_tol=0.01)


def test_slerp_ends_and_norm():
    a, b = torch.tensor([1.0, 0.0]), torch.tensor([0.0, 2.0])
    path = slerp(a, b, 5)
    assert torch.allclose(path[0], a) and torch.allclose(path[-1], b)


def test_vae_tools_write_the_images_they_promise(tmp_path, tiny_data_dir):
    run = tmp_path / "vae"
    assert main(["train", "--model", "vae", "--data-dir", str(tiny_data_dir), "--out", str(run), *TINY]) == 0
    assert main(["reconstruct", str(run), "--n", "16", "--out", str(tmp_path / "recon.png")]) == 0
    width, height = Image.open(tmp_path / "recon.png").size
    assert height > 3 * 28 and width > 7 * 28  # 2 x (inputs row + reconstructions row), 8 per row
    assert main(["interpolate", str(run), "--a", "0", "--b", "5", "--steps", "6", "--out", str(tmp_path / "i.png")]) == 0
    assert Image.open(tmp_path / "i.png").size[0] > 5 * Image.open(tmp_path / "i.png").size[1]
    assert main(["sample", str(run), "--sampler", "gmm", "--n", "8", "--seed", "0", "--out", str(tmp_path / "g.npz")]) == 0
    assert np.load(tmp_path / "g.npz")["images"].shape == (8, 28, 28, 1)
    assert list((run / "samplers").glob("gmm-step-*.safetensors"))
    assert main(["traverse", str(run), "--values", "5", "--out", str(tmp_path / "t.png")]) == 0
    width, height = Image.open(tmp_path / "t.png").size
    assert height > 2.5 * width  # 16 latent dimensions (rows) of 5 values
    for _ in range(2):  # fitted, then read back from the cache: the same images for the same seed
        assert main(["sample", str(run), "--sampler", "two-stage", "--n", "8", "--seed", "3",
                     "--out", str(tmp_path / f"t{_}.npz")]) == 0
    assert (np.load(tmp_path / "t0.npz")["images"] == np.load(tmp_path / "t1.npz")["images"]).all()


def test_gan_interpolates_between_seeds_and_refuses_vae_tools(tmp_path, tiny_data_dir, capsys):
    run = tmp_path / "gan"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--out", str(run), *TINY]) == 0
    assert main(["interpolate", str(run), "--a", "1", "--b", "2", "--steps", "4", "--out", str(tmp_path / "p.png")]) == 0
    assert main(["reconstruct", str(run), "--out", str(tmp_path / "r.png")]) == 2
    assert main(["sample", str(run), "--sampler", "gmm", "--out", str(tmp_path / "s.png")]) == 2
    assert "needs a model with an encoder" in capsys.readouterr().err
    assert main(["nll", str(run)]) == 2  # declared capabilities, not hasattr: one line naming run and family
    assert capsys.readouterr().err.strip() == f"genforge: error: `genforge nll` needs a model with a likelihood; {run} is a dcgan"


def test_nll_command_reports_in_nats_and_bits(tmp_path, tiny_data_dir, capsys):
    import json

    run = tmp_path / "vae"
    assert main(["train", "--model", "vae", "--data-dir", str(tiny_data_dir), "--out", str(run), *TINY]) == 0
    assert main(["nll", str(run), "--k", "20", "--n", "10"]) == 0
    report = json.loads((run / "likelihood.json").read_text())
    assert math.isclose(report["bits_per_dimension"], report["nll_nats_per_image"] / (784 * math.log(2)))
    assert report["nll_nats_per_image"] <= report["negative_elbo_nats_per_image"] + 5  # the bound is tighter
    assert "Bernoulli" in report["likelihood"] and 0 <= report["active_units"] <= report["latent_dim"]
    assert "bits/dim" in capsys.readouterr().out
