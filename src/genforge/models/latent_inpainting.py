"""Semantic inpainting with a trained unconditional model, kept fixed (Yeh et al. 2017, Sec. 3):
find the latent whose image agrees with the known pixels, then blend it into the hole.

    z* = arg min_z  L_context(z) + lambda L_prior(z)                                  (Eq. 4)
    L_context(z) = || W * (G(z) - y) ||_1, W_i = (1 - H_i) x mean_{j in N(i)} H_j     (Eq. 2)

H is the hole (1 = missing), so W weighs each known pixel by the share of hole pixels in its 7x7
neighbourhood (the known pixels next to the hole say most about it; far ones count nothing). The
prior loss is the family's: a GAN's discriminator, log(1 - D(G(z))) with lambda = 0.003 (Eq. 3 and
Sec. 4), a VAE's Gaussian prior, ||z||^2 / 2 (the MAP latent of the decoder; lambda 0.1, our choice,
so the latent stays where the decoder was trained). The search starts from the best of
`STARTS` latents drawn from N(0, I) (by context loss) and runs Adam for `STEPS` steps.

The result keeps every known pixel of the input; the hole is filled by Poisson blending (Perez et al.
2003, as Yeh et al. blend): the hole's values f solve the discrete Poisson equation with the
generated image's Laplacian as guidance and the input's pixels as boundary values, by Jacobi
iterations, so that the fill continues the known colours smoothly instead of pasting G(z) in.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F

STARTS = 16  # random latents tried per image before the search
STEPS = 300  # Adam steps of the search
LEARNING_RATE = 0.03
WINDOW = 7  # the neighbourhood of the context weights
JACOBI_STEPS = 600


def context_weights(holes: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W): Yeh et al.'s W, each known pixel's share of hole pixels around it."""
    around = F.avg_pool2d(holes, WINDOW, stride=1, padding=WINDOW // 2, count_include_pad=False)
    return (1 - holes) * around


def context_loss(generated: torch.Tensor, images: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Per image: the weighted L1 of the generated image's known pixels."""
    return (weights * (generated - images).abs()).flatten(1).sum(1)


def search_latents(decode: Callable[[torch.Tensor], torch.Tensor], prior: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                   prior_weight: float, latent_shape: tuple[int, ...], images: torch.Tensor, holes: torch.Tensor,
                   generator: torch.Generator) -> torch.Tensor:
    """The latents that best explain the known pixels of each image (Eq. 4)."""
    weights = context_weights(holes)
    n = len(images)
    with torch.no_grad():
        candidates = torch.randn((STARTS, n, *latent_shape), generator=generator).to(images.device)
        scores = torch.stack([context_loss(decode(c), images, weights) for c in candidates])  # (STARTS, n)
        latents = candidates[scores.argmin(0), torch.arange(n)].clone()
    latents.requires_grad_(True)
    optimiser = torch.optim.Adam([latents], lr=LEARNING_RATE)
    for _ in range(STEPS):
        generated = decode(latents)
        loss = (context_loss(generated, images, weights) + prior_weight * prior(generated, latents)).sum()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
    return latents.detach()


def laplacian(images: torch.Tensor) -> torch.Tensor:
    """4 x pixel - its four neighbours (replicated at the border)."""
    padded = F.pad(images, (1, 1, 1, 1), mode="replicate")
    neighbours = padded[..., :-2, 1:-1] + padded[..., 2:, 1:-1] + padded[..., 1:-1, :-2] + padded[..., 1:-1, 2:]
    return 4 * images - neighbours


def poisson_blend(images: torch.Tensor, holes: torch.Tensor, generated: torch.Tensor,
                  steps: int = JACOBI_STEPS) -> torch.Tensor:
    """The images with each hole solving Laplacian(f) = Laplacian(generated) inside it and f = the
    image outside it (Jacobi iterations, started from the generated image)."""
    guidance = laplacian(generated)
    inside = holes.expand_as(images).bool()
    f = torch.where(inside, generated, images)
    for _ in range(steps):
        padded = F.pad(f, (1, 1, 1, 1), mode="replicate")
        neighbours = padded[..., :-2, 1:-1] + padded[..., 2:, 1:-1] + padded[..., 1:-1, :-2] + padded[..., 1:-1, 2:]
        f = torch.where(inside, (neighbours + guidance) / 4, images)
    return f.clamp(-1, 1)


def latent_inpaint(model, images: torch.Tensor, holes: torch.Tensor, seed: int = 0) -> torch.Tensor:
    """Float images in [-1, 1] and holes (1 = missing) -> the completed images, on the CPU."""
    generator = torch.Generator().manual_seed(seed)
    images, holes = images.to(model.device).float(), holes.to(model.device).float()
    was_training = model.training
    model.eval()
    try:
        with torch.enable_grad():
            frozen = [p for p in model.parameters() if p.requires_grad]
            for parameter in frozen:
                parameter.requires_grad_(False)
            try:
                latents = search_latents(model.decoded, model.latent_prior_loss, model.prior_weight,
                                         tuple(model.latent_shape), images, holes, generator)
            finally:
                for parameter in frozen:
                    parameter.requires_grad_(True)
        with torch.no_grad():
            return poisson_blend(images, holes, model.decoded(latents)).cpu()
    finally:
        model.train(was_training)
