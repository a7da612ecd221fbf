"""A GAN: generator, discriminator and the alternating train step (Goodfellow et al. 2014, algorithm 1),
with the loss, penalties, TTUR, n discriminator steps, EMA and DiffAugment chosen by its config."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ...data.image.transforms import from_signed_unit, to_signed_unit
from ...core.errors import ConfigError
from ...objectives.gan import GAN_LOSSES, gradient_penalty, r1_penalty
from ...core import Capabilities
from ..base import frozen
from ..latent_image import LatentImageModel
from ..ema import has_batchnorm, make_ema_copy, recompute_batchnorm_statistics, update_ema, warmed_up_decay
from ..families import MODELS
from .architectures import ARCHITECTURES
from .config import GANConfig, SeedConfig, SNGANConfig, WGANGPConfig
from .diffaugment import diff_augment, parse_policy

COLLAPSE_LOSS = 1e-3


def gradient_norm(module: torch.nn.Module) -> float:
    norms = [p.grad.detach().norm() for p in module.parameters() if p.grad is not None]
    return torch.stack(norms).norm().item() if norms else 0.0


class GAN(LatentImageModel):
    CAPABLE_OF = ("sample", "sample_by_class", "interpolate", "inpaint")
    config_class = GANConfig
    prior_weight = 0.003  # lambda of Yeh et al. 2017's prior loss (Sec. 4)

    def __init__(self, config: GANConfig):
        super().__init__(config)
        if config.conditional and not config.num_classes:
            raise ConfigError("a conditional GAN needs a dataset with class labels")
        self.classes = config.num_classes if config.conditional else None
        self.loss = GAN_LOSSES.get(config.loss)
        self.augmentations = parse_policy(config.diffaugment)
        if config.discriminator_steps < 1:
            raise ConfigError("model.discriminator_steps must be at least 1")
        self.generator, self.discriminator = ARCHITECTURES.get(config.architecture)(config, self.classes)
        self.generator_ema = make_ema_copy(self.generator) if config.ema_decay else None
        self.register_buffer("ema_updates", torch.zeros((), dtype=torch.long))
        # The EMA generator's BatchNorm statistics are recomputed before it samples (not saved:
        # it is a pure function of its weights, redone after every update and every load).
        self.ema_statistics_stale = True
        self.low_loss_steps = 0  # consecutive steps of a collapsed-looking D (not saved: a heuristic)

    @property
    def latent_shape(self) -> tuple[int, ...]:
        return (self.config.latent_dim,)

    @property
    def num_classes(self) -> int | None:
        return self.classes

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(sample_by_class=bool(self.classes), interpolate=True, latent="gaussian",
                            inpaint=not self.classes)  # the search runs an unconditional generator

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        config = self.config
        return {
            "discriminator": torch.optim.Adam(self.discriminator.parameters(),
                                              lr=config.discriminator_lr or config.lr, betas=config.betas),
            "generator": torch.optim.Adam(self.generator.parameters(),
                                          lr=config.generator_lr or config.lr, betas=config.betas),
        }

    def discriminate(self, images: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        return self.discriminator(diff_augment(images, self.augmentations), labels).float()

    def discriminator_penalties(self, real, fake, labels) -> torch.Tensor:
        config, penalty = self.config, torch.zeros((), device=real.device)
        critic = lambda images: self.discriminate(images, labels)  # noqa: E731
        if config.gradient_penalty:
            penalty = penalty + config.gradient_penalty * gradient_penalty(critic, real, fake.detach())
        if config.r1_penalty:
            penalty = penalty + 0.5 * config.r1_penalty * r1_penalty(critic, real)
        return penalty

    def discriminator_step(self, real, labels, optimizer, engine, keep_fakes: bool) -> tuple[torch.Tensor, dict]:
        """One D update. Only when `keep_fakes` do the fakes keep G's graph (the G step reuses them)."""
        latents = torch.randn(real.shape[0], self.config.latent_dim, device=real.device)
        with engine.autocast(), torch.set_grad_enabled(keep_fakes):
            fake = self.generator(latents, labels)
        with engine.autocast():
            real_logits = self.discriminate(real, labels)
            fake_logits = self.discriminate(fake.detach(), labels)
            loss = self.loss.discriminator(real_logits, fake_logits)
            penalty = self.discriminator_penalties(real, fake, labels)
        engine.update(loss + penalty, optimizer, "discriminator")
        scalars = {"loss_d": loss.item(), "grad_norm_d": gradient_norm(self.discriminator)}
        if penalty.requires_grad:
            scalars["penalty_d"] = penalty.item()
        if self.loss.probabilistic:  # D's mean probability on real and fake: the usual health check
            scalars["d_real"] = torch.sigmoid(real_logits.detach()).mean().item()
            scalars["d_fake"] = torch.sigmoid(fake_logits.detach()).mean().item()
        return fake, scalars

    def train_step(self, batch, optimizers, engine):
        real = to_signed_unit(batch.x)
        labels = batch.labels if self.classes else None
        steps = self.config.discriminator_steps
        for index in range(steps):
            fake, scalars = self.discriminator_step(real, labels, optimizers["discriminator"], engine,
                                                    keep_fakes=index == steps - 1)
        # Generator step against the updated discriminator, reusing the last fakes. D's weights
        # are frozen so backward skips their gradients, which this step would throw away.
        with engine.autocast(), frozen(self.discriminator):
            fake_logits = self.discriminate(fake, labels)
            if self.loss.relativistic:  # against the updated D's view of the reals (no gradient reaches G there)
                with torch.no_grad():
                    real_logits = self.discriminate(real, labels)
                generator_loss = self.loss.generator(fake_logits, real_logits)
            else:
                generator_loss = self.loss.generator(fake_logits)
        engine.update(generator_loss, optimizers["generator"], "generator")
        scalars.update(loss_g=generator_loss.item(), grad_norm_g=gradient_norm(self.generator))
        if self.generator_ema is not None:
            update_ema(self.generator_ema, self.generator, warmed_up_decay(self.config.ema_decay, int(self.ema_updates)))
            self.ema_updates += 1
            self.ema_statistics_stale = True
        return scalars

    def networks_differentiated_twice(self):
        penalised = self.config.gradient_penalty or self.config.r1_penalty
        return {"discriminator": self.discriminator} if penalised else {}

    def diagnose(self, scalars):
        """A discriminator whose loss stays near zero has won (where that is what zero means); G gets no signal."""
        if not self.loss.zero_loss_means_d_won or not math.isfinite(scalars.get("loss_d", 0.0)):
            return None
        self.low_loss_steps = self.low_loss_steps + 1 if scalars["loss_d"] < COLLAPSE_LOSS else 0
        if self.low_loss_steps >= self.config.collapse_window:
            self.low_loss_steps = 0
            return f"discriminator collapsed (loss_d < {COLLAPSE_LOSS} for {self.config.collapse_window} steps)"
        return None

    def sampling_generator(self) -> torch.nn.Module:
        """The EMA generator when there is one, with BatchNorm statistics that match its weights."""
        if self.generator_ema is None:
            return self.generator
        if self.ema_statistics_stale and has_batchnorm(self.generator_ema):
            recompute_batchnorm_statistics(self.generator_ema, self._standing_batch)
        self.ema_statistics_stale = False
        return self.generator_ema

    def _standing_batch(self, generator: torch.Generator, size: int = 256) -> None:
        latents = torch.randn((size, *self.latent_shape), generator=generator).to(self.device)
        labels = (torch.arange(size) % self.classes).to(self.device) if self.classes else None
        self.generator_ema(latents, labels)

    def load_state_dict(self, state_dict, strict: bool = True, assign: bool = False):
        self.ema_statistics_stale = True
        return super().load_state_dict(state_dict, strict, assign)

    def decode_latents(self, latents, labels=None):
        return from_signed_unit(self.sampling_generator()(latents, labels))

    def decoded(self, latents):
        return self.sampling_generator()(latents)

    def latent_prior_loss(self, images, latents):
        """log(1 - D(G(z))) = -softplus(logit) (Yeh et al. 2017, Eq. 3): low where D takes the image for real."""
        return -F.softplus(self.discriminator(images).float()).view(len(images), -1).sum(1)


# The registered GAN models: one class, other defaults.
MODELS.register("dcgan", modality="image")(GAN)
for _config in (SNGANConfig, WGANGPConfig, SeedConfig):
    MODELS.register(_config.name, modality="image")(
        type(_config.__name__.replace("Config", ""), (GAN,), {"config_class": _config}))
