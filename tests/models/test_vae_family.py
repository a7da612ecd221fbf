
import pytest
import torch

from genforge.models import MODELS, build_model
from genforge.core import Batch
from genforge.training.step_engine import StepEngine

TINY = dict(image_size=28, channels=1, latent_dim=3, width=4)


@pytest.mark.parametrize("name", ["vae", "beta-vae", "iwae"])
def test_every_vae_trains_a_step(name):
    model = build_model(MODELS.get(name).config_class(**TINY))
    images = torch.randint(0, 256, (4, 1, 28, 28), dtype=torch.uint8)
    scalars = model.train_step(Batch(x=images), model.build_optimizers(), StepEngine())
    assert torch.isfinite(torch.tensor(list(scalars.values()))).all()
    assert int(model.steps_done) == 1


def test_iwae_bound_is_not_below_the_elbo_on_the_same_draws():
    torch.manual_seed(0)
    model = build_model(MODELS.get("iwae").config_class(**TINY))
    target = torch.rand(5, 1, 28, 28)
    with torch.no_grad():
        log_w = model.log_importance_weights(target, 8)
    assert (torch.logsumexp(log_w, 0) - torch.log(torch.tensor(8.0)) >= log_w.mean(0)).all()


def test_log_likelihood_combines_its_chunks_exactly():
    model = build_model(MODELS.get("vae").config_class(**TINY)).eval()
    images = torch.randint(0, 256, (3, 1, 28, 28), dtype=torch.uint8)
    torch.manual_seed(1)
    estimate = model.log_likelihood(images, samples=200, chunk=64)
    torch.manual_seed(1)
    with torch.no_grad():
        log_w = torch.cat([model.log_importance_weights(images.float() / 255, k) for k in (64, 64, 64, 8)])
    expected = torch.logsumexp(log_w, 0) - torch.log(torch.tensor(200.0))
    assert torch.allclose(estimate, expected, rtol=1e-5) and torch.isfinite(estimate).all()


def test_kl_warm_up_follows_the_step_counter():
    model = build_model(MODELS.get("vae").config_class(kl_schedule="linear", kl_schedule_steps=10, beta=2.0, **TINY))
    assert model.kl_weight_now() == 0.0
    model.steps_done += 5
    assert model.kl_weight_now() == 1.0


def test_learned_gaussian_scale_is_a_parameter():
    model = build_model(MODELS.get("vae").config_class(decoder="gaussian", learn_decoder_scale=True, **TINY))
    assert any(name == "log_scale" for name, _ in model.named_parameters())
