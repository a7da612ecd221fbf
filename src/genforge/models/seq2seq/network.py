"""The encoder-decoder Transformer (Vaswani et al. 2017, figure 1) in its pre-norm form (Xiong et al.
2020), with learned positions and one token embedding shared by the source, the target and the
output layer (Press and Wolf 2017), as a single tokeniser covers both sides."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from ...data.text.tokenizers import PAD


class EncoderDecoder(nn.Module):
    def __init__(self, vocab_size: int, positions: int, layers: int, heads: int, width: int, dropout: float):
        super().__init__()
        self.width = width
        self.token_embedding = nn.Embedding(vocab_size, width, padding_idx=PAD)
        self.position_embedding = nn.Embedding(positions, width)
        self.dropout = nn.Dropout(dropout)
        encoder_layer = nn.TransformerEncoderLayer(width, heads, 4 * width, dropout, batch_first=True, norm_first=True)
        decoder_layer = nn.TransformerDecoderLayer(width, heads, 4 * width, dropout, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(encoder_layer, layers, nn.LayerNorm(width), enable_nested_tensor=False)
        self.decoder = nn.TransformerDecoder(decoder_layer, layers, nn.LayerNorm(width))
        nn.init.normal_(self.token_embedding.weight, mean=0.0, std=width ** -0.5)

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        # Scaled by sqrt(width) as Vaswani et al. (3.4), since the output layer shares these weights.
        return self.dropout(self.token_embedding(ids) * math.sqrt(self.width) + self.position_embedding(positions))

    def encode(self, source: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Source ids (B, S) -> (memory (B, S, width), the padding mask (B, S), True at <pad>)."""
        padding = source == PAD
        return self.encoder(self.embed(source), src_key_padding_mask=padding), padding

    def decode(self, target: torch.Tensor, memory: torch.Tensor, padding: torch.Tensor) -> torch.Tensor:
        """Target ids so far (B, T) -> next-token logits (B, T, vocabulary), each position seeing only
        those before it and the whole source."""
        causal = nn.Transformer.generate_square_subsequent_mask(target.shape[1], device=target.device)
        hidden = self.decoder(self.embed(target), memory, tgt_mask=causal, tgt_is_causal=True,
                              memory_key_padding_mask=padding)
        return F.linear(hidden, self.token_embedding.weight)

    def forward(self, source: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        memory, padding = self.encode(source)
        return self.decode(target, memory, padding)
