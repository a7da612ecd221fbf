"""Sampling beyond the prior, and the latent tools: ex-post samplers, reconstructions, interpolations.

Samplers by name (`genforge sample --sampler NAME`):
  prior  z ~ N(0, I), every model
  gmm    a 10-component Gaussian mixture fitted by EM to the encoded training set (VAEs)
  two-stage  a second VAE trained on the encoded training set (Dai and Wipf 2019) (VAEs)
Fitted samplers are cached in RUN/samplers/ per checkpoint step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import torch
from .storage import load_tensors_or_none, save_tensors_atomically

from .config import RunConfig
from .data import held_out_split, load_dataset, load_split
from .errors import GenforgeError
from .models import GenerativeModel
from .models.vae.samplers import GaussianMixture, fit_gaussian_mixture
from .models.vae.two_stage import SecondStageVAE, fit_second_stage
from .registry import Registry

Sampler = Callable[[GenerativeModel, RunConfig, Path, int, int | None], torch.Tensor]
SAMPLERS: Registry[Sampler] = Registry("sampler")


def require(model: GenerativeModel, capability: str, command: str, run: str | Path | None = None) -> None:
    """Refuse `command` in one line unless the model declares `capability` (core/capabilities.py);
    "gaussian-latents" asks for an encoder into N(0, I), which the ex-post samplers fit densities to."""
    where = str(run) if run is not None else "this run"
    if capability == "gaussian-latents":
        model.capabilities.require("encode", command, where, model.config.name)
        model.capabilities.require_latent("gaussian", command, where, model.config.name)
        return
    model.capabilities.require(capability, command, where, model.config.name)


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


def seeded_generator(seed: int | None) -> torch.Generator:
    generator = torch.Generator()
    generator.manual_seed(seed) if seed is not None else generator.seed()
    return generator


@SAMPLERS.register("prior")
def prior_sampler(model, config, run, n, seed):
    return model.sample(n, seed=seed).values


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


def lerp(a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
    t = torch.linspace(0, 1, steps).unsqueeze(1)
    return (1 - t) * a + t * b


def slerp(a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
    """Spherical interpolation (Shoemake 1985; White 2016 for generative models), `steps` points."""
    t = torch.linspace(0, 1, steps).unsqueeze(1)
    cosine = torch.dot(a / a.norm(), b / b.norm()).clamp(-1, 1)
    angle = torch.arccos(cosine)
    if angle.abs() < 1e-6:
        return lerp(a, b, steps)
    return (torch.sin((1 - t) * angle) * a + torch.sin(t * angle) * b) / torch.sin(angle)


@torch.no_grad()
def reconstructions(model: GenerativeModel, images: torch.Tensor) -> torch.Tensor:
    require(model, "reconstruct", "`genforge reconstruct`")
    model.eval()
    return model.decode_latents(model.encode_mean(images)).cpu()


def rows_above(top: torch.Tensor, bottom: torch.Tensor, columns: int) -> torch.Tensor:
    """Interleave two image sets by rows: a row of `top`, the matching row of `bottom`, and so on."""
    rows = []
    for start in range(0, top.shape[0], columns):
        rows += [top[start:start + columns], bottom[start:start + columns]]
    return torch.cat(rows)


def end_latents(model: GenerativeModel, config: RunConfig, a: int, b: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A VAE's encodings of test images a and b, or a GAN's latent draws from seeds a and b."""
    if model.capabilities.encode:
        images = load_split(config.data, held_out_split(config.data)).images
        for index in (a, b):
            if not 0 <= index < len(images):
                raise GenforgeError(f"test image index {index} is outside 0..{len(images) - 1}")
        ends = model.encode_mean(images[[a, b]]).cpu()
        return ends[0], ends[1]
    draw = lambda seed: torch.randn(model.latent_shape, generator=torch.Generator().manual_seed(seed))  # noqa: E731
    return draw(a), draw(b)


def interpolation(model: GenerativeModel, config: RunConfig, a: int, b: int, steps: int) -> torch.Tensor:
    """uint8 images along the path between the two ends: slerp for Gaussian latents, else linear."""
    start, end = end_latents(model, config, a, b)
    blend = slerp if model.gaussian_latents else lerp
    path = blend(start.flatten(), end.flatten(), steps).view(steps, *model.latent_shape)
    labels = torch.zeros(steps, dtype=torch.long) if model.num_classes else None
    return model.sample(steps, latents=path, labels=labels).values
