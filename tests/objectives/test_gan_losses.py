import math

import torch

from genforge.objectives.gan import nonsaturating_discriminator_loss, nonsaturating_generator_loss

REAL = torch.tensor([2.0, -1.0])
FAKE = torch.tensor([0.5, -3.0])


def test_discriminator_loss_hand_computed():
    # -mean log sigmoid(real) - mean log(1 - sigmoid(fake)), worked out by hand:
    # (log(1+e^-2) + log(1+e^1)) / 2 + (log(1+e^0.5) + log(1+e^-3)) / 2 = 0.720095 + 0.511332
    assert math.isclose(nonsaturating_discriminator_loss(REAL, FAKE).item(), 1.2314270, rel_tol=1e-6)


def test_generator_loss_hand_computed():
    # -mean log sigmoid(fake) = (log(1+e^-0.5) + log(1+e^3)) / 2
    assert math.isclose(nonsaturating_generator_loss(FAKE).item(), 1.7613322, rel_tol=1e-6)


def test_matches_the_probability_form_where_that_is_finite():
    real, fake = torch.randn(50, dtype=torch.float64), torch.randn(50, dtype=torch.float64)
    d_real, d_fake = torch.sigmoid(real), torch.sigmoid(fake)
    expected_d = -(d_real.log().mean() + (1 - d_fake).log().mean())
    assert torch.allclose(nonsaturating_discriminator_loss(real, fake), expected_d)
    assert torch.allclose(nonsaturating_generator_loss(fake), -d_fake.log().mean())


def test_stable_for_extreme_logits():
    # sigmoid-then-log gives inf here; the logit form gives the exact linear tail.
    logits = torch.tensor([-200.0, 200.0], requires_grad=True)
    loss = nonsaturating_generator_loss(logits)
    loss.backward()
    assert math.isclose(loss.item(), 100.0, rel_tol=1e-6)
    assert torch.isfinite(logits.grad).all()
    assert torch.isfinite(nonsaturating_discriminator_loss(logits, -logits))
