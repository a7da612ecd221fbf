"""The decoder-only Transformer (Radford et al. 2019, GPT-2's pre-norm block), written as nanoGPT's
model.py: learned token and position embeddings, causal self-attention, a 4x GELU MLP, and an output
layer that shares the token embedding's weights (weight tying, Press and Wolf 2017).

For sampling, `start` and `extend` keep each layer's keys and values (the key-value cache), so that a
new token costs one position's work instead of the whole window's."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

KeyValues = tuple[torch.Tensor, torch.Tensor]  # one layer's keys and values, (B, heads, T, head width) each


class CausalSelfAttention(nn.Module):
    def __init__(self, width: int, heads: int, dropout: float):
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.qkv = nn.Linear(width, 3 * width)
        self.projection = nn.Linear(width, width)
        self.residual_dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, cache: KeyValues | None = None) -> tuple[torch.Tensor, KeyValues]:
        """x (B, T, width) -> (the attended x, this layer's keys and values so far). With `cache` (the
        keys and values of the positions before x), x is the next position and sees all of them."""
        batch, length, width = x.shape
        q, k, v = (t.view(batch, length, self.heads, width // self.heads).transpose(1, 2)
                   for t in self.qkv(x).split(width, dim=2))
        if cache is not None:
            k, v = torch.cat([cache[0], k], dim=2), torch.cat([cache[1], v], dim=2)
        # softmax(q k^T / sqrt(d)) v with a causal mask (Vaswani et al. 2017, eq. 1), fused by PyTorch;
        # a cached step's one query comes after every key, so it needs no mask.
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.dropout if self.training else 0.0,
                                           is_causal=cache is None)
        return self.residual_dropout(self.projection(y.transpose(1, 2).reshape(batch, length, width))), (k, v)


class Block(nn.Module):
    def __init__(self, width: int, heads: int, dropout: float):
        super().__init__()
        self.attention_norm = nn.LayerNorm(width)
        self.attention = CausalSelfAttention(width, heads, dropout)
        self.mlp_norm = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width), nn.Dropout(dropout))

    def forward(self, x: torch.Tensor, cache: KeyValues | None = None) -> tuple[torch.Tensor, KeyValues]:
        attended, cache = self.attention(self.attention_norm(x), cache)
        x = x + attended
        return x + self.mlp(self.mlp_norm(x)), cache


class Transformer(nn.Module):
    window_limited = True  # learned positions: it conditions on at most `context` tokens

    def __init__(self, vocab_size: int, context: int, layers: int, heads: int, width: int, dropout: float):
        super().__init__()
        self.context = context
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.position_embedding = nn.Embedding(context, width)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(width, heads, dropout) for _ in range(layers))
        self.final_norm = nn.LayerNorm(width)
        self.apply(self._initialise)
        # GPT-2's scaled initialisation of the residual projections: std 0.02 / sqrt(2 * layers).
        for name, parameter in self.named_parameters():
            if name.endswith("projection.weight") or name.endswith("mlp.2.weight"):
                nn.init.normal_(parameter, mean=0.0, std=0.02 / math.sqrt(2 * layers))

    @staticmethod
    def _initialise(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Token ids (B, T), T <= context -> next-token logits (B, T, vocabulary)."""
        return self.run(ids, None)[0]

    def run(self, ids: torch.Tensor, caches: list[KeyValues] | None) -> tuple[torch.Tensor, list[KeyValues]]:
        offset = 0 if caches is None else caches[0][0].shape[2]
        positions = torch.arange(offset, offset + ids.shape[1], device=ids.device)
        x = self.dropout(self.token_embedding(ids) + self.position_embedding(positions))
        kept = []
        for index, block in enumerate(self.blocks):
            x, cache = block(x, None if caches is None else caches[index])
            kept.append(cache)
        # The output layer is the token embedding transposed (weight tying): no weights of its own.
        return F.linear(self.final_norm(x), self.token_embedding.weight), kept

    def start(self, ids: torch.Tensor) -> tuple[torch.Tensor, list[KeyValues]]:
        """The window `ids` (B, T) -> (next-token logits after it (B, vocabulary), the cache)."""
        logits, caches = self.run(ids, None)
        return logits[:, -1], caches

    def extend(self, ids: torch.Tensor, caches: list[KeyValues]) -> tuple[torch.Tensor, list[KeyValues]]:
        """One more token per row (B, 1) after the cached window -> (next-token logits, the cache)."""
        logits, caches = self.run(ids, caches)
        return logits[:, -1], caches

    @staticmethod
    def cached_length(caches: list[KeyValues]) -> int:
        return caches[0][0].shape[2]
