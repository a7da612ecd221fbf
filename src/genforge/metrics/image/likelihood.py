"""Likelihood figures of a VAE on held-out images: importance-sampled NLL (the IWAE bound with
k samples, Burda et al. 2016), bits per dimension, the ELBO's two terms, reconstruction error and
active latent units (Burda et al. 2016, section 5.2: Cov_x(E_q[z_u]) > 0.01)."""

from __future__ import annotations

import math

import torch

from ...data.image.transforms import to_unit

ACTIVE_UNIT_THRESHOLD = 1e-2


@torch.no_grad()
def likelihood_report(model, images: torch.Tensor, samples: int = 1000, batch_size: int = 50) -> dict:
    model.eval()
    dimensions = images[0].numel()
    nll, reconstruction, kl, squared_error, means = [], [], [], [], []
    for batch in images.split(batch_size):
        nll.append(-model.log_likelihood(batch, samples=samples).cpu())
        target = to_unit(batch.to(model.device))
        terms = model.negative_elbo(target)
        reconstruction.append(terms["reconstruction"].cpu())
        kl.append(terms["kl"].cpu())
        mean = model.encode_mean(batch)
        means.append(mean.cpu())
        reconstructed = model.likelihood.mean(model.decoder(mean).float())
        squared_error.append((reconstructed - target).pow(2).flatten(1).sum(1).cpu())
    nll_nats = torch.cat(nll).mean().item()
    active = (torch.cat(means).var(0) > ACTIVE_UNIT_THRESHOLD).sum().item()
    return {
        "images": images.shape[0],
        "importance_samples": samples,
        "nll_nats_per_image": nll_nats,
        "bits_per_dimension": nll_nats / (dimensions * math.log(2)),
        "negative_elbo_nats_per_image": (torch.cat(reconstruction) + torch.cat(kl)).mean().item(),
        "reconstruction_nats_per_image": torch.cat(reconstruction).mean().item(),
        "kl_nats_per_image": torch.cat(kl).mean().item(),
        "squared_error_per_image": torch.cat(squared_error).mean().item(),  # of the mean reconstruction, on [0, 1]
        "active_units": int(active),
        "latent_dim": int(torch.cat(means).shape[1]),
        "likelihood": model.likelihood.scale_of_data,
    }
