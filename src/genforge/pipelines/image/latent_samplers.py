"""Sampling an image VAE beyond its prior: the ex-post samplers fitted to its encoded training set.

Samplers by name (`genforge sample --sampler NAME`, pipelines/samplers.py):
  gmm    a 10-component Gaussian mixture fitted by EM to the encoded training set (VAEs)
  two-stage  a second VAE trained on the encoded training set (Dai and Wipf 2019) (VAEs)
Fitted samplers are cached in RUN/samplers/ per checkpoint step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import torch
from ...core.storage import load_tensors_or_none, save_tensors_atomically

from ...training.run_config import RunConfig
from ...data import load_dataset
from ...core.capabilities import require
from ...models import GenerativeModel
from ...models.base import seeded_generator
from ...models.vae.samplers import GaussianMixture, fit_gaussian_mixture
from ...models.vae.two_stage import SecondStageVAE, fit_second_stage
from ..samplers import SAMPLERS



@torch.no_grad()
def encode_dataset(model: GenerativeModel, config: RunConfig, batch_size: int = 1000) -> torch.Tensor:
    """The encodings of the images the model trained on (its subset, when it had `max_images`)."""
    images = load_dataset(config.data).images
    return torch.cat([model.encode_mean(chunk).cpu() for chunk in images.split(batch_size)])


def fitted_tensors(name: str, model: GenerativeModel, config: RunConfig, run: Path,
                   fit: Callable[[torch.Tensor], dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The tensors of an ex-post density fitted to the encoded training set, cached per checkpoint step."""
    cache = run / "samplers" / f"{name}-step-{int(model.loaded_step or 0):08d}.safetensors"
    cached = load_tensors_or_none(cache)
    if cached is not None:
        return cached
    tensors = fit(encode_dataset(model, config))
    save_tensors_atomically(cache, tensors, f"the fitted {name} sampler")
    return tensors


@SAMPLERS.register("gmm")
def gmm_sampler(model, config, run, n, seed):
    require(model, "gaussian-latents", "--sampler gmm", run)
    fit = lambda latents: fit_gaussian_mixture(latents, components=10, seed=config.train.seed).to_tensors()  # noqa: E731
    mixture = GaussianMixture(**fitted_tensors("gmm", model, config, run, fit))
    return model.sample(n, latents=mixture.sample(n, seeded_generator(seed)).float()).values


@SAMPLERS.register("two-stage")
def two_stage_sampler(model, config, run, n, seed):
    require(model, "gaussian-latents", "--sampler two-stage", run)
    fit = lambda latents: fit_second_stage(latents, seed=config.train.seed).state_dict()  # noqa: E731
    stage = SecondStageVAE(model.config.latent_dim)
    stage.load_state_dict(fitted_tensors("two-stage", model, config, run, fit))
    return model.sample(n, latents=stage.eval().sample(n, seeded_generator(seed))).values
