"""GAN objectives, computed on discriminator logits (or critic values), one pair per loss.

Goodfellow et al. 2014, eq. 1 and section 3: the discriminator minimises
    L_D = -E[log D(x)] - E[log(1 - D(G(z)))]
the minimax (saturating) generator minimises E[log(1 - D(G(z)))], and the non-saturating one
    L_G = -E[log D(G(z))].
With D = sigmoid(l): -log sigmoid(l) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l).
softplus is evaluated stably for any logit, where log(sigmoid(l)) underflows to -inf for l << 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F

from ..core.registry import Registry


def nonsaturating_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def nonsaturating_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    return F.softplus(-fake_logits).mean()


def minimax_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """E[log(1 - D(G(z)))] = -E[softplus(l)]: the original, saturating generator objective."""
    return -F.softplus(fake_logits).mean()


def hinge_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Lim and Ye 2017; Miyato et al. 2018, eq. 16: E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]."""
    return F.relu(1.0 - real_logits).mean() + F.relu(1.0 + fake_logits).mean()


def hinge_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    return -fake_logits.mean()


def wasserstein_critic_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """Arjovsky et al. 2017: the critic maximises E[f(x)] - E[f(G(z))]."""
    return fake_scores.mean() - real_scores.mean()


def wasserstein_generator_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    return -fake_scores.mean()


def least_squares_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Mao et al. 2017, eq. 2 with a = 0, b = 1: 1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2]."""
    return 0.5 * (real_logits - 1.0).pow(2).mean() + 0.5 * fake_logits.pow(2).mean()


def least_squares_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """Mao et al. 2017, eq. 2 with c = 1: 1/2 E[(D(G(z)) - 1)^2]."""
    return 0.5 * (fake_logits - 1.0).pow(2).mean()


def relativistic_pairing_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """RpGAN (the relativistic standard GAN of Jolicoeur-Martineau 2018; R3GAN's RpGAN, Huang et al.
    2024): each real sample against one fake, -E[log sigmoid(C(x) - C(G(z)))]."""
    return F.softplus(fake_logits - real_logits).mean()


def relativistic_pairing_generator_loss(fake_logits: torch.Tensor, real_logits: torch.Tensor) -> torch.Tensor:
    """The same with the roles swapped: -E[log sigmoid(C(G(z)) - C(x))]."""
    return relativistic_pairing_discriminator_loss(real_logits=fake_logits, fake_logits=real_logits)


def relativistic_average_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """RaSGAN (Jolicoeur-Martineau 2018, the relativistic average standard GAN): each sample against
    the other side's mean logit, -E[log sigmoid(C(x) - E C(G(z)))] - E[log(1 - sigmoid(C(G(z)) - E C(x)))].
    The two terms are summed, as for the non-saturating loss (the author's code halves the sum).
    Under torchrun the means are over each process's share of the batch, as BatchNorm's statistics
    are without --sync-batchnorm."""
    return (F.softplus(fake_logits.mean() - real_logits).mean()
            + F.softplus(fake_logits - real_logits.mean()).mean())


def relativistic_average_generator_loss(fake_logits: torch.Tensor, real_logits: torch.Tensor) -> torch.Tensor:
    """The same with the roles swapped, so G also pulls the reals' relative realism down."""
    return relativistic_average_discriminator_loss(real_logits=fake_logits, fake_logits=real_logits)


def gradient_penalty(critic: Callable[[torch.Tensor], torch.Tensor], real: torch.Tensor,
                     fake: torch.Tensor) -> torch.Tensor:
    """Gulrajani et al. 2017, eq. 3: E[(||grad f(x_hat)||_2 - 1)^2], x_hat on lines between real and fake."""
    mix = torch.rand(real.shape[0], *([1] * (real.dim() - 1)), device=real.device, dtype=real.dtype)
    interpolated = (mix * real + (1 - mix) * fake).requires_grad_(True)
    (gradients,) = torch.autograd.grad(critic(interpolated).sum(), interpolated, create_graph=True)
    return (gradients.flatten(1).norm(2, dim=1) - 1.0).pow(2).mean()


def r1_penalty(discriminator: Callable[[torch.Tensor], torch.Tensor], real: torch.Tensor) -> torch.Tensor:
    """Mescheder et al. 2018, eq. 9 (without gamma / 2): E[||grad D(x)||^2] on real data."""
    real = real.detach().requires_grad_(True)
    (gradients,) = torch.autograd.grad(discriminator(real).sum(), real, create_graph=True)
    return gradients.flatten(1).pow(2).sum(1).mean()


@dataclass(frozen=True)
class GANLoss:
    discriminator: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]  # (real logits, fake logits)
    generator: Callable[..., torch.Tensor]  # (fake logits), or (fake logits, real logits) when relativistic
    # D's output read as a probability of "real" (for logging D(x) and D(G(z))); False for critics
    # and for relativistic losses, where only differences of logits are probabilities.
    probabilistic: bool
    relativistic: bool = False  # the generator's loss compares its fakes with D's logits on real data

    @property
    def zero_loss_means_d_won(self) -> bool:
        """Log-sigmoid losses (plain or relativistic) reach 0 only when D separates every pair; a
        critic's or a least-squares loss has no such floor."""
        return self.probabilistic or self.relativistic


GAN_LOSSES: Registry[GANLoss] = Registry("GAN loss")
GAN_LOSSES.register("nonsaturating")(GANLoss(nonsaturating_discriminator_loss, nonsaturating_generator_loss, True))
GAN_LOSSES.register("minimax")(GANLoss(nonsaturating_discriminator_loss, minimax_generator_loss, True))
GAN_LOSSES.register("hinge")(GANLoss(hinge_discriminator_loss, hinge_generator_loss, False))
GAN_LOSSES.register("wasserstein")(GANLoss(wasserstein_critic_loss, wasserstein_generator_loss, False))
GAN_LOSSES.register("least-squares")(GANLoss(least_squares_discriminator_loss, least_squares_generator_loss, False))
GAN_LOSSES.register("relativistic")(GANLoss(
    relativistic_pairing_discriminator_loss, relativistic_pairing_generator_loss, False, relativistic=True))
GAN_LOSSES.register("relativistic-average")(GANLoss(
    relativistic_average_discriminator_loss, relativistic_average_generator_loss, False, relativistic=True))
