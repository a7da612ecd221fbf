
import torch

from genforge.models import build_model
from genforge.models.vqvae import VQVAEConfig
from genforge.models.vqvae.pixelcnn import MaskedConv2d, PixelCNNPrior
from genforge.core import Batch
from genforge.training.step_engine import StepEngine


def tiny_vqvae():
    torch.manual_seed(0)
    return build_model(VQVAEConfig(image_size=28, channels=1, width=4, codebook_size=8, code_dim=3,
                                   prior_width=8, prior_layers=2))


def test_straight_through_gradient_reaches_the_encoder():
    model = tiny_vqvae()
    quantised, codes, _, _ = model.quantizer(model.encoder(torch.rand(2, 1, 28, 28)))
    model.decoder(quantised).sum().backward()  # the reconstruction path alone
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.encoder.parameters())
    assert codes.shape == (2, 7, 7)


def test_masked_convolutions_see_only_earlier_positions():
    prior = PixelCNNPrior(codebook_size=5, width=4, layers=3)
    codes = torch.randint(0, 5, (1, 7, 7))
    base = prior(codes)[0, :, 3, 3]
    later = codes.clone()
    later[0, 3, 3:] = (later[0, 3, 3:] + 1) % 5  # the position itself and those after it
    later[0, 4:] = (later[0, 4:] + 1) % 5
    assert torch.allclose(prior(later)[0, :, 3, 3], base)
    assert (MaskedConv2d(1, 1, 3, "A").mask[0, 0] == torch.tensor([[1, 1, 1], [1, 0, 0], [0, 0, 0]])).all()


def test_vqvae_trains_and_samples_from_its_prior():
    model = tiny_vqvae()
    optimizers = model.build_optimizers()
    images = torch.randint(0, 256, (4, 1, 28, 28), dtype=torch.uint8)
    scalars = model.train_step(Batch(x=images), optimizers, StepEngine())
    assert {"loss", "prior_nats_per_code", "codes_used"} <= scalars.keys()
    state = torch.get_rng_state()
    first, second = model.sample(3, seed=5).values, model.sample(3, seed=5).values
    assert first.shape == (3, 1, 28, 28) and torch.equal(first, second)
    assert torch.equal(state, torch.get_rng_state())
