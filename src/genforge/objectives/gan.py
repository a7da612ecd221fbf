"""GAN objectives, computed on discriminator logits.

Goodfellow et al. 2014, eq. 1 and section 3: the discriminator minimises
    L_D = -E[log D(x)] - E[log(1 - D(G(z)))]
and the non-saturating generator minimises
    L_G = -E[log D(G(z))].
With D = sigmoid(l): -log sigmoid(l) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l).
softplus is evaluated stably for any logit, where log(sigmoid(l)) underflows to -inf for l << 0.
"""

import torch
import torch.nn.functional as F


def nonsaturating_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def nonsaturating_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    return F.softplus(-fake_logits).mean()
