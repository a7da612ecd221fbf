"""The polyphonic frame model: p(roll) = prod_t p(frame_t | frames_<t), an LSTM over the past and a
NADE (or independent Bernoulli keys) for each frame.

Scored as the literature scores JSB (Bai et al. 2018's code, Boulanger-Lewandowski et al. 2012):
the NLL of frames 1..T-1 of each piece given the frames before, in nats summed over the 88 keys,
divided by the number of those frames. Training also predicts frame 0 from silence, so that the
model can start a piece when it samples.
"""

from __future__ import annotations

import torch

from ...core import Batch, Capabilities, Samples
from ...core.errors import GenforgeError
from ..base import evaluating, seeded_generator
from ..families import MODELS
from ..music_model import MusicGrid, MusicModel
from .config import PolyphonicConfig
from .networks import NADE, Bernoulli, FrameRNN, frame_nll

KEYS = 88


def frame_mask(batch: Batch, first: int) -> torch.Tensor:
    """(items, frames): True for the frames counted, from `first` to each piece's length."""
    frames = batch.x.shape[1]
    lengths = batch.lengths if batch.lengths is not None else torch.full((len(batch.x),), frames)
    index = torch.arange(frames, device=batch.x.device)
    return (index[None, :] < lengths.to(batch.x.device)[:, None]) & (index[None, :] >= first)


@MODELS.register("polyphonic", modality="music")
class PolyphonicModel(MusicModel):
    config_class = PolyphonicConfig
    CAPABLE_OF = ("sample", "likelihood")

    def __init__(self, config: PolyphonicConfig):
        super().__init__(config)
        self.rnn = FrameRNN(KEYS, config.hidden, config.layers, config.dropout)
        self.output = (NADE(config.hidden, KEYS, config.nade_hidden) if config.output == "nade"
                       else Bernoulli(config.hidden, KEYS))

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(likelihood=True)

    def grid(self, bars: int | None = None) -> MusicGrid:
        per_quarter = self.config.steps_per_quarter or 1
        frames = self.config.sample_frames if bars is None else bars * 4 * per_quarter
        if frames > 100_000:
            raise GenforgeError(f"--bars {bars} is more than the {100_000:,} frames a sample may hold")
        return MusicGrid(frames, per_quarter, "pianoroll")

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"model": torch.optim.Adam(self.parameters(), lr=self.config.lr)}

    def counted_nlls(self, batch: Batch, first: int) -> tuple[torch.Tensor, torch.Tensor]:
        """-log p(frame_t | frames_<t) of the counted frames (from `first` to each piece's length), flat
        in row-major order, and the (items, frames) mask that picked them. Only those frames reach the output distribution: padding costs
        nothing there (the NADE's cost is in its keys x hidden units per frame)."""
        rolls = batch.x
        previous = torch.cat([torch.zeros_like(rolls[:, :1]), rolls[:, :-1]], dim=1)
        state, _ = self.rnn(previous)
        mask = frame_mask(batch, first)
        frames = rolls[mask]
        return frame_nll(self.output.logits(state[mask], frames), frames), mask

    def mean_nll(self, batch: Batch, first: int) -> torch.Tensor:
        nlls, _ = self.counted_nlls(batch, first)
        return nlls.sum() / max(1, len(nlls))

    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        with engine.autocast():
            loss = self.mean_nll(batch, first=0)
        norm = engine.update(loss, optimizers["model"], "model", self.config.max_grad_norm)
        scalars = {"nll_per_frame": loss.detach()}
        if norm is not None:
            scalars["grad_norm"] = norm
        return {key: float(value) for key, value in scalars.items()}

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        """Nats per frame, over frames 1..T-1 (the benchmark's measure)."""
        return self.mean_nll(batch, first=1)

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """log p of each piece's frames 1..T-1 given the ones before, in nats, (items,)."""
        nlls, mask = self.counted_nlls(batch, 1)
        return -torch.zeros(mask.shape, device=nlls.device, dtype=nlls.dtype).masked_scatter(mask, nlls).sum(1)

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, steps: int | None = None, temperature: float = 1.0,
               **conditioning) -> Samples:
        """n rolls of `steps` frames (default: sample_frames), each key's logit divided by `temperature`."""
        frames = steps or self.config.sample_frames
        generator = seeded_generator(seed)
        with evaluating(self):
            frame = torch.zeros(n, 1, KEYS, device=self.device)
            state, rolls = None, []
            for _ in range(frames):
                output, state = self.rnn(frame, state)
                frame = self.output.draw(output[:, -1], generator, temperature).unsqueeze(1)
                rolls.append(frame)
        values = torch.cat(rolls, dim=1).to(torch.uint8).cpu()
        return Samples(self.modality, values, conditioning={
            "seed": seed, "temperature": temperature, "representation": "pianoroll", "steps_per_quarter": self.config.steps_per_quarter or 1})
