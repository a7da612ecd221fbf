"""The piano-roll GAN: bars of piano roll from noise, trained on windows of the data as rolls.

Melody events become rolls (the key of the sounding note on at each 16th note); piano-roll pieces give
a window of `bars` bars at an offset drawn for each item and step; four-voice pieces give such a
window too, a roll per voice. The generator's key probabilities are binarised at 0.5 when it samples
(MuseGAN's hard thresholding); trained on melodies or voices it keeps the likeliest key of each frame
(of each voice) whose probability passes 0.5, so that its melodies and voices sing one note at a time.
"""

from __future__ import annotations

import torch

from ...core import Batch, Capabilities, Samples
from ...data.music.events import FIRST_PITCH_EVENT, NOTE_OFF
from ...data.music.notes import LOWEST_PITCH
from ...objectives.gan import GAN_LOSSES
from ..base import evaluating, frozen, seeded_generator
from ..families import MODELS
from ..music_model import MusicGrid, MusicModel
from .config import PianorollGANConfig
from .networks import KEYS, Discriminator, Generator

SILENT = -1  # a four-voice grid's value where the voice is silent


def events_to_rolls(events: torch.Tensor) -> torch.Tensor:
    """(items, steps) melody events -> (items, steps, 88) rolls: the key of the note sounding at each step."""
    steps = torch.arange(events.shape[1], device=events.device).expand_as(events)
    last_on = torch.where(events >= FIRST_PITCH_EVENT, steps, -1).cummax(1).values
    last_off = torch.where(events == NOTE_OFF, steps, -1).cummax(1).values
    sounding = last_on > last_off
    keys = events.gather(1, last_on.clamp(min=0)) - FIRST_PITCH_EVENT
    rolls = torch.zeros(*events.shape, KEYS, device=events.device)
    rolls.scatter_(2, keys.clamp(0, KEYS - 1).unsqueeze(2), sounding.float().unsqueeze(2))
    return rolls


def grids_to_rolls(grids: torch.Tensor) -> torch.Tensor:
    """(items, frames, voices) MIDI pitches (-1: silent) -> (items, frames, voices x 88) rolls, track-major."""
    keys = (grids - LOWEST_PITCH).clamp(0, KEYS - 1)
    rolls = torch.zeros(*grids.shape, KEYS, device=grids.device)
    rolls.scatter_(3, keys.unsqueeze(3), (grids != SILENT).float().unsqueeze(3))
    return rolls.flatten(2)


def windows_of_pieces(rolls: torch.Tensor, lengths: torch.Tensor, frames: int, silence: float = 0) -> torch.Tensor:
    """A window of `frames` from each piece at an offset drawn uniformly (the global generator, so a
    resumed run draws the same); pieces shorter than it are padded with `silence`."""
    if rolls.shape[1] < frames:
        rolls = torch.nn.functional.pad(rolls, (0, 0, 0, frames - rolls.shape[1]), value=silence)
    room = (lengths.to(rolls.device) - frames).clamp(min=0) + 1
    offsets = (torch.rand(len(rolls), device=rolls.device) * room).long()
    index = offsets[:, None] + torch.arange(frames, device=rolls.device)[None, :]
    return rolls.gather(1, index[:, :, None].expand(-1, -1, rolls.shape[2]))


@MODELS.register("pianoroll-gan", modality="music")
class PianorollGAN(MusicModel):
    config_class = PianorollGANConfig
    CAPABLE_OF = ("sample",)

    def __init__(self, config: PianorollGANConfig):
        super().__init__(config)
        self.generator = Generator(config.latent_dim, config.width, config.steps, config.tracks)
        self.discriminator = Discriminator(config.width, config.steps, config.spectral_norm, config.tracks)
        self.loss = GAN_LOSSES.get(config.loss)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities()

    def grid(self, bars: int | None = None) -> MusicGrid:
        return self.fixed_length(self.config.steps, self.config.steps_per_quarter or 4, self.representation, bars)

    @property
    def representation(self) -> str:
        return "voices" if self.config.tracks > 1 else "pianoroll"

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {name: torch.optim.Adam(getattr(self, name).parameters(), lr=self.config.lr, betas=self.config.betas)
                for name in ("discriminator", "generator")}

    def real_rolls(self, batch: Batch) -> torch.Tensor:
        if batch.x.dim() == 2:  # melody events
            return events_to_rolls(batch.x)
        if self.config.tracks > 1:  # four-voice grids: the window first, then a roll per voice
            return grids_to_rolls(windows_of_pieces(batch.x, batch.lengths, self.config.steps, silence=SILENT))
        return windows_of_pieces(batch.x, batch.lengths, self.config.steps)

    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        real = self.real_rolls(batch)
        z = torch.randn(len(real), self.config.latent_dim, device=real.device)
        with engine.autocast():
            fake = self.generator(z)
            real_logits, fake_logits = self.discriminator(real), self.discriminator(fake.detach())
            loss_d = self.loss.discriminator(real_logits, fake_logits)
        engine.update(loss_d, optimizers["discriminator"], "discriminator")
        with engine.autocast(), frozen(self.discriminator):
            fake_logits = self.discriminator(fake)
            loss_g = (self.loss.generator(fake_logits, self.discriminator(real).detach()) if self.loss.relativistic
                      else self.loss.generator(fake_logits))
        engine.update(loss_g, optimizers["generator"], "generator")
        return {"loss_d": float(loss_d.detach()), "loss_g": float(loss_g.detach())}

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, steps: int | None = None, **conditioning) -> Samples:
        generator = seeded_generator(seed)
        with evaluating(self):
            z = torch.randn(n, self.config.latent_dim, generator=generator).to(self.device)
            probabilities = self.generator(z).float().cpu()
        conditioning = {"seed": seed, "representation": self.representation,
                        "steps_per_quarter": self.config.steps_per_quarter or 4}
        if self.config.tracks > 1:  # each voice: its likeliest key per frame, where it passes 0.5
            best = probabilities.unflatten(2, (self.config.tracks, KEYS)).max(3)
            grids = torch.where(best.values > 0.5, best.indices + LOWEST_PITCH, SILENT)
            return Samples(self.modality, grids, conditioning=conditioning)
        if self.config.melodies:  # one key per frame: the likeliest, where it passes 0.5
            best = probabilities.max(2, keepdim=True)
            rolls = torch.zeros_like(probabilities).scatter_(2, best.indices, (best.values > 0.5).float())
        else:
            rolls = (probabilities > 0.5).float()
        return Samples(self.modality, rolls.to(torch.uint8), conditioning=conditioning)
