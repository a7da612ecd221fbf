"""MusicVAE's networks (Roberts et al. 2018, Sec. 3; Magenta's lstm_models.py): the bidirectional
encoder, a decoder of event sequences conditioned on a vector, and the hierarchical conductor."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ...data.music.events import CLASSES


def one_hot(events: torch.Tensor) -> torch.Tensor:
    return F.one_hot(events, CLASSES).float()


class Encoder(nn.Module):
    """A bidirectional LSTM over the one-hot events; the last states of both directions give the mean
    and, through a softplus, the standard deviation of q(z | x) (Sec. 3.1, Eq. 6-7)."""

    def __init__(self, width: int, latent_dim: int):
        super().__init__()
        self.lstm = nn.LSTM(CLASSES, width, batch_first=True, bidirectional=True)
        self.mean = nn.Linear(2 * width, latent_dim)
        self.scale = nn.Linear(2 * width, latent_dim)

    def forward(self, events: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        _, (h, _) = self.lstm(one_hot(events))
        final = torch.cat([h[0], h[1]], dim=-1)
        return self.mean(final), F.softplus(self.scale(final))


class SequenceDecoder(nn.Module):
    """An LSTM that emits events one step at a time, conditioned on a vector: its initial state is
    tanh(Dense(vector)), and the vector is concatenated to every input (the previous event, zeros
    before the first), as Magenta's BaseLstmDecoder. Scheduled sampling (Bengio et al. 2015) feeds
    back the model's own sample in place of the true previous event with probability `p`."""

    def __init__(self, condition: int, width: int, layers: int):
        super().__init__()
        self.layers, self.width = layers, width
        self.initial = nn.Linear(condition, 2 * layers * width)
        self.lstm = nn.LSTM(CLASSES + condition, width, layers, batch_first=True)
        self.out = nn.Linear(width, CLASSES)

    def initial_state(self, condition: torch.Tensor):
        h, c = torch.tanh(self.initial(condition)).view(len(condition), 2, self.layers, self.width).unbind(1)
        return h.transpose(0, 1).contiguous(), c.transpose(0, 1).contiguous()

    def logits(self, condition: torch.Tensor, targets: torch.Tensor, p: float = 0.0,
               first: torch.Tensor | None = None) -> torch.Tensor:
        """(items, steps, classes): teacher-forced where p = 0, else step by step with scheduled sampling.
        `first`: the input of the first step (one-hot; default zeros: nothing came before)."""
        state = self.initial_state(condition)
        steps = targets.shape[1]
        expanded = condition[:, None, :].expand(-1, steps, -1)
        start = first if first is not None else torch.zeros(len(targets), CLASSES, device=targets.device)
        if p <= 0:
            inputs = torch.cat([start[:, None, :], one_hot(targets[:, :-1])], dim=1)
            output, _ = self.lstm(torch.cat([inputs, expanded], dim=-1), state)
            return self.out(output)
        own = torch.rand(targets.shape, device=targets.device) < p  # which steps read back the model's sample
        previous = start
        logits = []
        for step in range(steps):
            output, state = self.lstm(torch.cat([previous, condition], dim=-1)[:, None], state)
            logit = self.out(output[:, 0])
            logits.append(logit)
            drawn = torch.multinomial(F.softmax(logit.detach().float(), dim=-1), 1)[:, 0]
            previous = one_hot(torch.where(own[:, step], drawn, targets[:, step]))
        return torch.stack(logits, dim=1)

    @torch.no_grad()
    def generate(self, condition: torch.Tensor, steps: int, temperature: float,
                 generator: torch.Generator | None, first: torch.Tensor | None = None) -> torch.Tensor:
        """Events drawn one at a time (temperature 0: the likeliest each step), after `first` (one-hot)."""
        state = self.initial_state(condition)
        previous = first if first is not None else torch.zeros(len(condition), CLASSES, device=condition.device)
        events = []
        for _ in range(steps):
            output, state = self.lstm(torch.cat([previous, condition], dim=-1)[:, None], state)
            logit = self.out(output[:, 0]).float()
            if temperature == 0:
                chosen = logit.argmax(-1)
            else:
                probabilities = F.softmax(logit / temperature, dim=-1).cpu()
                chosen = torch.multinomial(probabilities, 1, generator=generator)[:, 0].to(condition.device)
            events.append(chosen)
            previous = one_hot(chosen)
        return torch.stack(events, dim=1)


class Conductor(nn.Module):
    """The hierarchical decoder's conductor (Sec. 3.2): an LSTM of `bars` steps, its state started from
    z, whose outputs (one embedding per bar) condition the bar decoder, reset at each bar."""

    def __init__(self, latent_dim: int, width: int, layers: int = 2):
        super().__init__()
        self.layers, self.width = layers, width
        self.initial = nn.Linear(latent_dim, 2 * layers * width)
        self.lstm = nn.LSTM(1, width, layers, batch_first=True)

    def forward(self, z: torch.Tensor, bars: int) -> torch.Tensor:
        h, c = torch.tanh(self.initial(z)).view(len(z), 2, self.layers, self.width).unbind(1)
        state = (h.transpose(0, 1).contiguous(), c.transpose(0, 1).contiguous())
        output, _ = self.lstm(torch.zeros(len(z), bars, 1, device=z.device), state)
        return output  # (items, bars, width)
