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


# Every registered loss against values worked out by hand for REAL = [2, -1], FAKE = [0.5, -3].
from genforge.objectives.gan import (GAN_LOSSES, gradient_penalty, hinge_discriminator_loss,  # noqa: E402
                                     hinge_generator_loss, least_squares_discriminator_loss,
                                     least_squares_generator_loss, minimax_generator_loss, r1_penalty,
                                     wasserstein_critic_loss, wasserstein_generator_loss)


def test_minimax_generator_hand_computed():
    # mean log(1 - sigmoid(fake)) = -(log(1+e^0.5) + log(1+e^-3)) / 2
    assert math.isclose(minimax_generator_loss(FAKE).item(), -0.5113321, rel_tol=1e-6)


def test_hinge_hand_computed():
    # D: (max(0, 1-2) + max(0, 1+1)) / 2 + (max(0, 1+0.5) + max(0, 1-3)) / 2 = 1 + 0.75
    assert hinge_discriminator_loss(REAL, FAKE).item() == 1.75
    assert hinge_generator_loss(FAKE).item() == 1.25  # -(0.5 - 3) / 2


def test_wasserstein_hand_computed():
    assert wasserstein_critic_loss(REAL, FAKE).item() == -1.75  # mean(fake) - mean(real) = -1.25 - 0.5
    assert wasserstein_generator_loss(FAKE).item() == 1.25


def test_least_squares_hand_computed():
    # D: 0.5 * ((2-1)^2 + (-1-1)^2) / 2 + 0.5 * (0.5^2 + 3^2) / 2 = 1.25 + 2.3125
    assert least_squares_discriminator_loss(REAL, FAKE).item() == 3.5625
    assert least_squares_generator_loss(FAKE).item() == 4.0625  # 0.5 * (0.25 + 16) / 2


def test_relativistic_pairing_hand_computed():
    loss = GAN_LOSSES.get("relativistic")
    # D: (log(1+e^(0.5-2)) + log(1+e^(-3+1))) / 2 = (0.2014133 + 0.1269280) / 2; G: the same with swapped roles
    assert math.isclose(loss.discriminator(REAL, FAKE).item(), 0.1641706, rel_tol=1e-6)
    assert math.isclose(loss.generator(FAKE, REAL).item(), 1.9141706, rel_tol=1e-6)  # log(1+e^1.5), log(1+e^2)
    assert loss.relativistic and not loss.probabilistic


def test_relativistic_average_hand_computed():
    loss = GAN_LOSSES.get("relativistic-average")
    # mean real 0.5, mean fake -1.25. D: (log(1+e^(-1.25-2)) + log(1+e^(-1.25+1))) / 2
    #                                    + (log(1+e^(0.5-0.5)) + log(1+e^(-3-0.5))) / 2
    assert math.isclose(loss.discriminator(REAL, FAKE).item(), 0.6684392, rel_tol=1e-6)
    # G, roles swapped: (log(1+e^0) + log(1+e^3.5)) / 2 + (log(1+e^3.25) + log(1+e^0.25)) / 2
    assert math.isclose(loss.generator(FAKE, REAL).item(), 4.1684392, rel_tol=1e-6)


def test_relativistic_losses_only_see_differences_of_logits():
    real, fake = torch.randn(8), torch.randn(8)
    for name in ("relativistic", "relativistic-average"):
        loss = GAN_LOSSES.get(name)
        assert torch.allclose(loss.discriminator(real + 5, fake + 5), loss.discriminator(real, fake))
        assert torch.allclose(loss.generator(fake - 3, real - 3), loss.generator(fake, real))


def test_every_registered_loss_is_tested_here():
    assert GAN_LOSSES.names() == ["hinge", "least-squares", "minimax", "nonsaturating", "relativistic",
                                  "relativistic-average", "wasserstein"]


def critic(x):
    """A smooth nonlinear critic of 2x3 'images', so its gradient varies with x."""
    weights = torch.linspace(-1.0, 1.5, 6, dtype=torch.float64).view(1, 2, 3)
    return (torch.sin(x * weights) * x).flatten(1).sum(1)


def test_gradient_penalty_against_finite_differences():
    real = torch.randn(4, 2, 3, dtype=torch.float64)
    fake = torch.randn(4, 2, 3, dtype=torch.float64)
    torch.manual_seed(11)
    penalty = gradient_penalty(critic, real, fake)
    torch.manual_seed(11)
    mix = torch.rand(4, 1, 1, dtype=torch.float64)
    points = mix * real + (1 - mix) * fake
    eps, norms = 1e-6, []
    for point in points:
        gradient = torch.zeros(6, dtype=torch.float64)
        for i in range(6):
            step = torch.zeros(6, dtype=torch.float64)
            step[i] = eps
            up, down = (point.flatten() + step).view(1, 2, 3), (point.flatten() - step).view(1, 2, 3)
            gradient[i] = (critic(up) - critic(down)).item() / (2 * eps)
        norms.append(gradient.norm())
    expected = ((torch.stack(norms) - 1) ** 2).mean()
    assert torch.allclose(penalty, expected, rtol=1e-6)


def test_penalties_are_differentiable_in_the_critic():
    weight = torch.tensor(2.0, requires_grad=True)
    images = torch.randn(3, 1, 2, 2)
    penalty = gradient_penalty(lambda x: (weight * x).flatten(1).sum(1) ** 2, images, torch.randn(3, 1, 2, 2))
    penalty.backward()
    assert weight.grad is not None and weight.grad != 0


def test_r1_penalty_of_a_linear_critic_is_its_squared_weight_norm():
    weights = torch.tensor([[1.0, -2.0], [0.5, 3.0]]).view(1, 1, 2, 2)
    penalty = r1_penalty(lambda x: (x * weights).flatten(1).sum(1), torch.randn(5, 1, 2, 2))
    assert math.isclose(penalty.item(), 1 + 4 + 0.25 + 9, rel_tol=1e-6)
