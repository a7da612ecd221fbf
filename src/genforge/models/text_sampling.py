"""Drawing the next token, for every text family: temperature, top-k (Fan et al. 2018) and top-p, the
nucleus (Holtzman et al. 2020), from a CPU generator of the caller's, so that the same seed gives the
same text on any device and the training RNG is left alone; and the loop that draws until <eos>."""

from __future__ import annotations

import math
from typing import Callable

import torch

from ..data.text.tokenizers import EOS
from ..core.errors import GenforgeError


def check_sampling(temperature: float, top_k: int | None, top_p: float | None, vocab_size: int) -> None:
    if not temperature > 0:
        raise GenforgeError(f"--temperature must be positive, got {temperature}")
    if math.isinf(temperature):  # logits / inf: every token alike, whatever the model learnt
        raise GenforgeError(f"--temperature must be finite, got {temperature}")
    if top_k is not None and not 1 <= top_k <= vocab_size:
        raise GenforgeError(f"--top-k must be in 1..{vocab_size}, got {top_k}")
    if top_p is not None and not 0 < top_p <= 1:
        raise GenforgeError(f"--top-p must be in (0, 1], got {top_p}")


def draw_next(logits: torch.Tensor, generator: torch.Generator, temperature: float = 1.0,
              top_k: int | None = None, top_p: float | None = None) -> torch.Tensor:
    """Logits (B, V) -> one id per row (B, 1), drawn from softmax(logits / temperature) restricted to
    the top_k likeliest and to the smallest set whose probability reaches top_p."""
    logits = logits.float().cpu() / temperature
    if top_k is not None:
        cut = torch.topk(logits, top_k).values[:, -1:]
        logits = logits.masked_fill(logits < cut, float("-inf"))
    if top_p is not None and top_p < 1:
        ordered, order = torch.sort(logits, descending=True)
        probabilities = torch.softmax(ordered, dim=-1)
        # Drop a token when those likelier than it already reach top_p (the likeliest always stays).
        dropped = probabilities.cumsum(dim=-1) - probabilities >= top_p
        logits = logits.scatter(1, order, ordered.masked_fill(dropped, float("-inf")))
    return torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator)


def token_picker(generator: torch.Generator | None, temperature: float = 1.0, top_k: int | None = None,
                 top_p: float | None = None) -> Callable[[torch.Tensor], torch.Tensor]:
    """Logits (B, V) -> the next id of each row (B, 1) on the CPU: the likeliest without a generator
    (greedy decoding), else drawn by `draw_next`."""
    if generator is None:
        return lambda logits: logits.float().cpu().argmax(-1, keepdim=True)
    return lambda logits: draw_next(logits, generator, temperature, top_k, top_p)


def draw_until_end(logits: torch.Tensor, advance: Callable[[torch.Tensor], torch.Tensor], max_tokens: int,
                   pick: Callable[[torch.Tensor], torch.Tensor], stop_at_end: bool = True) -> torch.Tensor:
    """Ids (B, at most max_tokens) generated one position at a time, the loop every text family samples
    with: `pick` chooses each row's next id from the last position's logits (B, V); `advance` feeds
    those ids (B, 1, on the CPU) to the network and returns the next logits. With `stop_at_end`, it
    stops once every row has drawn <eos> (the ids after a row's <eos> are cut by `TextModel.text_of`)."""
    drawn, ended = [], torch.zeros(logits.shape[0], dtype=torch.bool)
    for position in range(max_tokens):
        following = pick(logits)
        drawn.append(following)
        ended |= following[:, 0] == EOS
        if position == max_tokens - 1 or (stop_at_end and bool(ended.all())):
            break
        logits = advance(following)
    return torch.cat(drawn, dim=1)
