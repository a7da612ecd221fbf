"""The networks of the polyphonic frame models: the LSTM over past frames, and the frame
distributions it parameterises."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class NADE(nn.Module):
    """A NADE over `keys` binary units whose biases come from the RNN (Boulanger-Lewandowski et al.
    2012, Eqs. 9-10; Larochelle and Murray 2011): for keys in order, h_i = sigm(b_h + W[:, <i] v_<i),
    p(v_i = 1 | v_<i) = sigm(b_v,i + V_i . h_i). W and V are shared by every frame; b_v and b_h are
    linear in the RNN's state."""

    def __init__(self, condition: int, keys: int, hidden: int):
        super().__init__()
        self.keys, self.hidden = keys, hidden
        self.W = nn.Parameter(torch.randn(hidden, keys) * 0.01)
        self.V = nn.Parameter(torch.randn(keys, hidden) * 0.01)
        self.visible_bias = nn.Linear(condition, keys)
        self.hidden_bias = nn.Linear(condition, hidden)

    def logits(self, state: torch.Tensor, frames: torch.Tensor) -> torch.Tensor:
        """The logit of each key given the keys below it in its own frame (teacher-forced), (..., keys)."""
        contributions = self.W * frames.unsqueeze(-2)  # (..., hidden, keys)
        before = contributions.cumsum(-1) - contributions  # sums over the keys below each one
        h = torch.sigmoid(self.hidden_bias(state).unsqueeze(-1) + before)  # (..., hidden, keys)
        return self.visible_bias(state) + torch.einsum("...hk,kh->...k", h, self.V)

    @torch.no_grad()
    def draw(self, state: torch.Tensor, generator: torch.Generator, temperature: float = 1.0) -> torch.Tensor:
        """One frame per row of `state`, its keys drawn in order."""
        visible, running = self.visible_bias(state), self.hidden_bias(state)
        frame = torch.zeros(state.shape[0], self.keys, device=state.device)
        for key in range(self.keys):
            h = torch.sigmoid(running)
            p = torch.sigmoid((visible[:, key] + h @ self.V[key]) / temperature)
            on = (torch.rand(len(p), generator=generator).to(p.device) < p).float()
            frame[:, key] = on
            running = running + on[:, None] * self.W[:, key]
        return frame


class Bernoulli(nn.Module):
    """Every key independent given the past: a sigmoid per key (Bai et al. 2018's polyphonic LSTM)."""

    def __init__(self, condition: int, keys: int):
        super().__init__()
        self.out = nn.Linear(condition, keys)

    def logits(self, state: torch.Tensor, frames: torch.Tensor) -> torch.Tensor:
        return self.out(state)

    @torch.no_grad()
    def draw(self, state: torch.Tensor, generator: torch.Generator, temperature: float = 1.0) -> torch.Tensor:
        p = torch.sigmoid(self.out(state) / temperature)
        return (torch.rand(p.shape, generator=generator).to(p.device) < p).float()


class FrameRNN(nn.Module):
    """An LSTM that reads frame t-1 (a frame of silence before the first) and gives the state from
    which frame t is predicted."""

    def __init__(self, keys: int, hidden: int, layers: int, dropout: float):
        super().__init__()
        self.lstm = nn.LSTM(keys, hidden, layers, batch_first=True)
        self.dropout = nn.Dropout(dropout)

    def forward(self, previous: torch.Tensor, state=None):
        output, state = self.lstm(previous, state)
        return self.dropout(output), state


def frame_nll(logits: torch.Tensor, frames: torch.Tensor) -> torch.Tensor:
    """-log p of each frame in nats: the Bernoulli NLL summed over the keys, (..., )."""
    return F.binary_cross_entropy_with_logits(logits, frames, reduction="none").sum(-1)
