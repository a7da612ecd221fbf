"""MusicVAE (Roberts et al. 2018) on melody events.

The loss is Magenta's (base_model.py): the reconstruction cross-entropy summed over the events, plus
beta times the KL of q(z | x) from N(0, I) summed over z, less the free nats (free_bits * ln 2), floored
at zero, averaged over the batch; beta = (1 - beta_rate ** step) * max_beta. The decoder learns with
inverse-sigmoid scheduled sampling, and Adam's rate decays as (lr - min_lr) * decay_rate ** step + min_lr.

Attribute vectors (Sec. 5.4): the mean latent code of one set of melodies minus that of another;
`transfer` adds `amount` times one to a melody's code and decodes it.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...core.errors import GenforgeError
from ..base import evaluating, seeded_generator
from ..families import MODELS
from ..music_model import MusicGrid, MusicModel
from .config import MusicVAEConfig
from .networks import Conductor, Encoder, SequenceDecoder, one_hot

STEPS_PER_BAR = 16


def kl_per_item(mean: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """KL(N(mean, scale^2) || N(0, I)) summed over z."""
    return 0.5 * (mean.pow(2) + scale.pow(2) - 1 - 2 * torch.log(scale.clamp(min=1e-8))).sum(-1)


@MODELS.register("music-vae", modality="music")
class MusicVAE(MusicModel):
    config_class = MusicVAEConfig
    CAPABLE_OF = ("sample", "encode", "reconstruct", "interpolate", "transfer", "likelihood")

    def __init__(self, config: MusicVAEConfig):
        super().__init__(config)
        self.encoder = Encoder(config.encoder_width, config.latent_dim)
        if config.hierarchical:
            self.conductor = Conductor(config.latent_dim, config.conductor_width)
            self.decoder = SequenceDecoder(config.conductor_width, config.decoder_width, config.decoder_layers)
        else:
            self.decoder = SequenceDecoder(config.latent_dim, config.decoder_width, config.decoder_layers)
        self.register_buffer("steps_done", torch.zeros((), dtype=torch.long))
        self.attributes: dict[str, list[float]] = {}  # name -> attribute vector (an asset of the checkpoint)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(encode=True, reconstruct=True, interpolate=True, transfer=True, likelihood=True,
                            latent="gaussian")

    def grid(self, bars: int | None = None) -> MusicGrid:
        return self.fixed_length(self.config.steps, 4, "melody", bars)

    # -- assets: the attribute vectors travel with the weights ---------------------------------------
    def assets(self) -> dict[str, dict]:
        return {"attributes": dict(self.attributes)} if self.attributes else {}

    def load_assets(self, assets: dict[str, dict]) -> None:
        self.attributes = dict(assets.get("attributes", {}))

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": torch.optim.Adam(self.parameters(), lr=self.config.lr)}

    # -- schedules -----------------------------------------------------------------------------------
    def beta(self, step: int) -> float:
        return (1 - self.config.beta_rate ** step) * self.config.max_beta

    def sampling_probability(self, step: int) -> float:
        """How often the decoder reads back its own sample: 1 - k / (k + exp(step / k)) (inverse sigmoid)."""
        config = self.config
        if config.sampling_schedule == "constant":
            return config.sampling_rate if config.sampling_rate <= 1 else 0.0
        k = config.sampling_rate
        if k == 0:
            return 0.0
        return 1.0 - k / (k + math.exp(min(step / k, 700.0)))

    def learning_rate(self, step: int) -> float:
        config = self.config
        return (config.lr - config.min_lr) * config.decay_rate ** step + config.min_lr

    # -- the networks --------------------------------------------------------------------------------
    def conditions(self, z: torch.Tensor) -> torch.Tensor:
        """What the event decoder is conditioned on: z (flat), or each bar's conductor output (hierarchical)."""
        if not self.config.hierarchical:
            return z
        return self.conductor(z, self.config.bars).reshape(-1, self.config.conductor_width)

    def decoder_logits(self, z: torch.Tensor, events: torch.Tensor, p: float) -> torch.Tensor:
        if not self.config.hierarchical:
            return self.decoder.logits(z, events, p)
        # Each bar is decoded from its own embedding with the decoder's state reset, its first input the
        # last event of the bar before (as Magenta's hierarchical decoder feeds the sequence's previous
        # events): a note held across the bar line is then known at the bar's first step. With scheduled
        # sampling that first input is the true event; the steps inside a bar read back the model's own.
        bars = events.reshape(-1, STEPS_PER_BAR)
        before = torch.cat([torch.zeros_like(events[:, :1]), events[:, STEPS_PER_BAR - 1:-1:STEPS_PER_BAR]], dim=1)
        first = one_hot(before.reshape(-1)).masked_fill(
            (torch.arange(self.config.bars, device=events.device) == 0).repeat(len(events))[:, None], 0)
        return self.decoder.logits(self.conditions(z), bars, p, first).reshape(*events.shape, -1)

    def decode(self, z: torch.Tensor, temperature: float, generator=None) -> torch.Tensor:
        if not self.config.hierarchical:
            return self.decoder.generate(z, self.config.steps, temperature, generator)
        conditions = self.conditions(z).reshape(len(z), self.config.bars, -1)
        bars, first = [], None
        for bar in range(self.config.bars):  # bar by bar: each starts from the last event drawn before it
            drawn = self.decoder.generate(conditions[:, bar], STEPS_PER_BAR, temperature, generator, first)
            bars.append(drawn)
            first = one_hot(drawn[:, -1])
        return torch.cat(bars, dim=1)

    def elbo_terms(self, events: torch.Tensor, z_noise: torch.Tensor, p: float = 0.0):
        mean, scale = self.encoder(events)
        z = mean + scale * z_noise
        logits = self.decoder_logits(z, events, p)
        reconstruction = F.cross_entropy(logits.float().transpose(1, 2), events, reduction="none").sum(1)
        return reconstruction, kl_per_item(mean, scale), logits

    # -- training ------------------------------------------------------------------------------------
    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        step = int(self.steps_done)
        config = self.config
        for group in optimizers["model"].param_groups:
            group["lr"] = self.learning_rate(step)
        p = self.sampling_probability(step)
        with engine.autocast():
            reconstruction, kl, _ = self.elbo_terms(batch.x, torch.randn(len(batch.x), config.latent_dim,
                                                                         device=batch.x.device), p)
            free_nats = config.free_bits * math.log(2)
            beta = self.beta(step)
            loss = (reconstruction + beta * (kl - free_nats).clamp(min=0)).mean()
        norm = engine.update(loss, optimizers["model"], "model", config.max_grad_norm)
        self.steps_done += 1
        scalars = {"loss": float(loss.detach()), "nll_per_event": float(reconstruction.detach().mean()) / config.steps,
                   "kl": float(kl.detach().mean()), "beta": beta, "sampling_probability": p}
        if norm is not None:
            scalars["grad_norm"] = float(norm)
        return scalars

    def fixed_noise(self, n: int) -> torch.Tensor:
        return torch.randn(n, self.config.latent_dim, generator=seeded_generator(0)).to(self.device)

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """A lower bound of log p of each melody (the ELBO, one draw of z from a fixed seed), in nats."""
        reconstruction, kl, _ = self.elbo_terms(batch.x, self.fixed_noise(len(batch.x)))
        return -(reconstruction + kl)

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        """The negative ELBO per event (an upper bound of the NLL per event)."""
        return -self.log_likelihood(batch).mean() / self.config.steps

    # -- capabilities --------------------------------------------------------------------------------
    def samples_of(self, events: torch.Tensor, **conditioning) -> Samples:
        return Samples(self.modality, events.cpu(), conditioning={"representation": "melody", "steps_per_quarter": 4,
                                                                  **conditioning})

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, temperature: float | None = None, steps: int | None = None,
               **conditioning) -> Samples:
        """n melodies decoded from z ~ N(0, I) (steps: the trained length; another is refused by `grid`)."""
        temperature = self.config.temperature if temperature is None else temperature
        generator = seeded_generator(seed)
        with evaluating(self):
            z = torch.randn(n, self.config.latent_dim, generator=generator).to(self.device)
            events = self.decode(z, temperature, generator)
        return self.samples_of(events, seed=seed, temperature=temperature)

    @torch.no_grad()
    def encode(self, items: torch.Tensor) -> torch.Tensor:
        """The mean of q(z | x) of each melody (events, (n, steps))."""
        self.check_length(items)
        with evaluating(self):
            return self.encoder(items.to(self.device))[0]

    def check_length(self, items: torch.Tensor) -> None:
        if items.dim() != 2 or items.shape[1] != self.config.steps:
            raise GenforgeError(f"this run's model takes {self.config.bars}-bar melodies ({self.config.steps} "
                                f"16th-note events); got {tuple(items.shape[1:])} events")

    @torch.no_grad()
    def reconstruct(self, items: torch.Tensor, teacher_forced: bool = False) -> torch.Tensor:
        """Each melody through z = the mean of q(z | x) and back: decoded greedily from its own events
        (sampled), or the likeliest event at each step given the true ones before it (teacher-forced)."""
        z = self.encode(items)
        with evaluating(self):
            if teacher_forced:
                return self.decoder_logits(z, items.to(self.device), 0.0).argmax(-1).cpu()
            return self.decode(z, 0.0).cpu()

    @torch.no_grad()
    def interpolate(self, a: torch.Tensor, b: torch.Tensor, steps: int) -> Samples:
        """`steps` melodies from a to b, decoded greedily along the spherical path between their codes
        (MusicVAE's slerp, Sec. 5.3)."""
        za, zb = self.encode(a[None])[0], self.encode(b[None])[0]
        omega = torch.arccos(torch.clamp(F.cosine_similarity(za, zb, dim=0), -1, 1))
        fractions = torch.linspace(0, 1, steps, device=za.device)
        if float(omega) < 1e-6:
            codes = torch.stack([za + t * (zb - za) for t in fractions])
        else:
            codes = torch.stack([(torch.sin((1 - t) * omega) * za + torch.sin(t * omega) * zb) / torch.sin(omega)
                                 for t in fractions])
        with evaluating(self):
            return self.samples_of(self.decode(codes, 0.0), path="slerp")

    @torch.no_grad()
    def transfer(self, items: torch.Tensor, attribute: str, amount: float) -> Samples:
        """Each melody's code moved by `amount` times the attribute vector, decoded greedily."""
        if attribute not in self.attributes:
            known = ", ".join(sorted(self.attributes)) or "none (genforge attributes RUN --add ...)"
            raise GenforgeError(f"this run has no attribute vector {attribute!r}; it has: {known}")
        vector = torch.tensor(self.attributes[attribute], device=self.device)
        with evaluating(self):
            return self.samples_of(self.decode(self.encode(items) + amount * vector, 0.0), attribute=attribute,
                                   amount=amount)
