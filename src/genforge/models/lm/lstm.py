"""The LSTM language model (Hochreiter and Schmidhuber 1997; Graves 2013's character model; Zaremba et
al. 2014's dropout between layers): token embedding, stacked LSTM, and an output layer tied to the
embedding (Press and Wolf 2017). Its state carries any length, so sampling never refills a window."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

State = tuple[torch.Tensor, torch.Tensor]  # the LSTM's (h, c), (layers, B, width) each


class LSTMNetwork(nn.Module):
    window_limited = False  # the state summarises everything before: no context to refill

    def __init__(self, vocab_size: int, layers: int, width: int, dropout: float):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.dropout = nn.Dropout(dropout)
        self.lstm = nn.LSTM(width, width, num_layers=layers, dropout=dropout if layers > 1 else 0.0, batch_first=True)
        nn.init.normal_(self.token_embedding.weight, mean=0.0, std=0.02)

    def run(self, ids: torch.Tensor, state: State | None) -> tuple[torch.Tensor, State]:
        x, state = self.lstm(self.dropout(self.token_embedding(ids)), state)
        return F.linear(self.dropout(x), self.token_embedding.weight), state

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Token ids (B, T) -> next-token logits (B, T, vocabulary)."""
        return self.run(ids, None)[0]

    def start(self, ids: torch.Tensor) -> tuple[torch.Tensor, State]:
        logits, state = self.run(ids, None)
        return logits[:, -1], state

    def extend(self, ids: torch.Tensor, state: State) -> tuple[torch.Tensor, State]:
        logits, state = self.run(ids, state)
        return logits[:, -1], state
