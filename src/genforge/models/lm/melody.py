"""The language model on melody events: the lm family's networks (Transformer or LSTM) over MusicVAE's
90 event classes, each window read after a start token, so that every event of a window is predicted
(the same NLL per event as MusicVAE's reconstruction term counts). The start token is never a target:
its logit is masked, so a model that knows nothing scores log 90 per event."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...data.music.events import CLASSES
from ..base import evaluating, seeded_generator
from ..families import MODELS
from ..music_model import MusicGrid, MusicModel
from .config import MelodyLMConfig

START = CLASSES  # the 91st id: before the first event
VOCABULARY = CLASSES + 1


def event_logits(network, events: torch.Tensor) -> torch.Tensor:
    """Logits of each event given those before it (the first given the start token), start masked."""
    inputs = torch.cat([torch.full_like(events[:, :1], START), events[:, :-1]], dim=1)
    logits = network(inputs).float()
    return logits.masked_fill(torch.arange(VOCABULARY, device=logits.device) == START, float("-inf"))


@MODELS.register("melody-lm", modality="music")
class MelodyLanguageModel(MusicModel):
    config_class = MelodyLMConfig
    CAPABLE_OF = ("sample", "likelihood")

    def __init__(self, config: MelodyLMConfig):
        super().__init__(config)
        from .model import NETWORKS

        self.network = NETWORKS.get(config.architecture)(config)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(likelihood=True)

    def grid(self, bars: int | None = None) -> MusicGrid:
        return self.fixed_length(self.config.context, 4, "melody", bars)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        from .model import decayed_adamw

        return {"lm": decayed_adamw(self, self.config)}

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """log p of every event of each window, in nats, (items,)."""
        logits = event_logits(self.network, batch.x)
        return -F.cross_entropy(logits.transpose(1, 2), batch.x, reduction="none").sum(1)

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        return -self.log_likelihood(batch).mean() / batch.x.shape[1]

    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        with engine.autocast():
            logits = event_logits(self.network, batch.x)
            loss = F.cross_entropy(logits.reshape(-1, VOCABULARY), batch.x.reshape(-1))
        norm = engine.update(loss, optimizers["lm"], "lm", max_grad_norm=self.config.max_grad_norm)
        return {"nll_per_event": float(loss.detach()), **({"grad_norm": float(norm)} if norm is not None else {})}

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, temperature: float = 1.0, steps: int | None = None,
               **conditioning) -> Samples:
        """n windows of events drawn one by one (steps: the trained context; another is refused by `grid`)."""
        generator = seeded_generator(seed)
        window = torch.full((n, 1), START, dtype=torch.long, device=self.device)
        with evaluating(self):
            for _ in range(self.config.context):
                logits = self.network(window)[:, -1].float()
                logits[:, START] = float("-inf")
                probabilities = F.softmax(logits / temperature, dim=-1).cpu()
                chosen = torch.multinomial(probabilities, 1, generator=generator).to(self.device)
                window = torch.cat([window, chosen], dim=1)
        return Samples(self.modality, window[:, 1:].cpu(), conditioning={
            "seed": seed, "temperature": temperature, "representation": "melody", "steps_per_quarter": 4})
