"""RelGAN's networks (Nie et al. 2019, section 2): a generator that, at each step, adds Gumbel noise
to its logits, feeds the arg-max token back in and hands the discriminator softmax(beta * (o + g)), a
differentiable stand-in for the one-hot token (the Gumbel-softmax relaxation, Jang et al. 2017);
and a discriminator that reads (soft) one-hot sequences through several embeddings at once, each
scored by a CNN over the sequence (their multi-representation discriminator)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ...data.text.tokenizers import BOS

FILTER_WIDTHS = (2, 3, 4, 5)


class LSTMGenerator(nn.Module):
    def __init__(self, vocab_size: int, embedding: int, hidden: int):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding)
        self.lstm = nn.LSTM(embedding, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, ids: torch.Tensor, state=None) -> tuple[torch.Tensor, object]:
        """Teacher forcing, or one step: ids (B, T) -> logits (B, T, vocabulary), the state."""
        output, state = self.lstm(self.embedding(ids), state)
        return self.out(output), state

    def relaxed(self, n: int, length: int, inverse_temperature: float, device) -> torch.Tensor:
        """n sequences of `length` soft one-hot tokens (n, length, vocabulary) after <bos>."""
        token = torch.full((n, 1), BOS, dtype=torch.long, device=device)
        state, soft = None, []
        for _ in range(length):
            logits, state = self(token, state)
            logits = logits[:, -1]
            uniform = torch.rand(logits.shape, device=device).clamp_(1e-10, 1 - 1e-10)
            noisy = logits - torch.log(-torch.log(uniform))  # o + g, g ~ Gumbel(0, 1)
            soft.append(F.softmax(inverse_temperature * noisy, dim=-1))
            token = noisy.argmax(-1, keepdim=True)  # the Gumbel-max sample: a draw from softmax(o)
        return torch.stack(soft, dim=1)


class MultiRepresentationCNN(nn.Module):
    def __init__(self, vocab_size: int, length: int, representations: int, width: int, filters: int, dropout: float):
        super().__init__()
        self.representations, self.width = representations, width
        self.embeddings = nn.Linear(vocab_size, representations * width, bias=False)  # one-hot @ W: embeddings
        self.convolutions = nn.ModuleList(nn.Conv2d(1, filters, (size, width), stride=(1, width))
                                          for size in FILTER_WIDTHS if size <= length)
        features = filters * len(self.convolutions)
        self.dropout = nn.Dropout(dropout)
        self.hidden = nn.Linear(features, 100)
        self.score = nn.Linear(100, 1)

    def forward(self, one_hot: torch.Tensor) -> torch.Tensor:
        """(B, T, vocabulary) one-hot or soft tokens -> one logit per sequence and representation (B * S)."""
        embedded = self.embeddings(one_hot).unsqueeze(1)  # (B, 1, T, S * width)
        # A kernel as wide as one representation, moved by its width: each representation read apart.
        pooled = [F.relu(conv(embedded)).amax(dim=2) for conv in self.convolutions]  # (B, filters, S) each
        features = torch.cat(pooled, dim=1).transpose(1, 2)  # (B, S, features)
        return self.score(self.dropout(F.relu(self.hidden(features)))).reshape(-1)
