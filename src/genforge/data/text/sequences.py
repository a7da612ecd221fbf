"""Text as separate examples, for the models that read or write one whole example at a time (the
sentence VAE, the text GAN, seq2seq): each example's ids between <bos> and <eos>, padded with <pad>
to one width, so that `take(indices)` is a gather and the batch schedule stays a pure function of
(seed, step).

- TokenSequences: `take` -> Batch(x = (B, L + 2) ids, lengths = tokens of each row with <bos> and
  <eos>, mask = True where a row holds a token);
- PairSet: (source, target) pairs -> Batch(source = (B, S), target = (B, T)), each cut to the batch's
  longest row (S, T at most sequence_length + 2: couplets of about 12 characters would otherwise carry 34
  columns, most of them padding, through every attention); a model reads its masks from <pad> (id 0).

Examples longer than `sequence_length` tokens are cut to it (their <eos> kept); `record["cut"]`
counts them.
"""

from __future__ import annotations

import torch

from ...core import Batch
from ...core.errors import DataError
from .streams import TokenSpec
from .tokenizers import BOS, EOS, PAD, Tokenizer


def padded(rows: list[list[int]], width: int) -> tuple[torch.Tensor, torch.Tensor, int]:
    """(ids (N, width + 2) of <bos> row <eos> <pad>..., lengths (N,), how many rows were cut to width)."""
    ids = torch.full((len(rows), width + 2), PAD, dtype=torch.long)
    lengths = torch.empty(len(rows), dtype=torch.long)
    cut = 0
    for index, row in enumerate(rows):
        cut += len(row) > width
        row = [BOS, *row[:width], EOS]
        ids[index, :len(row)] = torch.tensor(row, dtype=torch.long)
        lengths[index] = len(row)
    return ids, lengths, cut


def scored_characters(tokenizer: Tokenizer, texts: list[str], rows: list[list[int]], width: int) -> list[int]:
    """The characters each row's scored tokens spell, its <eos> counted as one: the text's length where it
    fits in `width`, what the kept tokens decode to where it was cut (a per-character figure divides by
    what was scored, not by text the model never saw)."""
    return [len(text) + 1 if len(row) <= width else len(tokenizer.decode(row[:width])) + 1
            for text, row in zip(texts, rows)]


class TokenSequences:
    modality = "text"

    def __init__(self, name: str, examples: list[str], tokenizer: Tokenizer, sequence_length: int,
                 record: dict | None = None, skipped: tuple[str, ...] = ()):
        if not examples:
            raise DataError(f"{name} holds no examples")
        self.name, self.examples, self.tokenizer, self.sequence_length = name, examples, tokenizer, sequence_length
        rows = tokenizer.encode_many(examples)
        self.ids, self.lengths, cut = padded(rows, sequence_length)
        self.characters = scored_characters(tokenizer, examples, rows, sequence_length)
        self.record = {**(record or {}), "cut": cut}
        self.class_names: tuple[str, ...] = ()
        self.skipped = skipped

    @property
    def spec(self) -> TokenSpec:
        return TokenSpec(tokenizer=self.tokenizer, sequence_length=self.sequence_length, example_ends=True)

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index: torch.Tensor) -> Batch:
        index = index.to(self.ids.device)
        ids = self.ids[index]
        return Batch(x=ids, lengths=self.lengths[index], mask=ids != PAD)

    def on_device(self, device: torch.device) -> "TokenSequences":
        moved = object.__new__(TokenSequences)
        moved.__dict__.update(self.__dict__, ids=self.ids.to(device), lengths=self.lengths.to(device))
        return moved


class PairSet:
    modality = "text"

    def __init__(self, name: str, pairs: list[tuple[str, str]], tokenizer: Tokenizer, sequence_length: int,
                 record: dict | None = None):
        if not pairs:
            raise DataError(f"{name} holds no pairs")
        self.name, self.pairs, self.tokenizer, self.sequence_length = name, pairs, tokenizer, sequence_length
        self.source, self.source_lengths, cut_sources = padded(tokenizer.encode_many([source for source, _ in pairs]),
                                                               sequence_length)
        targets = tokenizer.encode_many([target for _, target in pairs])
        self.target, self.target_lengths, cut_targets = padded(targets, sequence_length)
        self.target_characters = scored_characters(tokenizer, [target for _, target in pairs], targets, sequence_length)
        self.record = {**(record or {}), "cut": cut_sources + cut_targets}
        self.class_names: tuple[str, ...] = ()
        self.skipped: tuple[str, ...] = ()
        self.examples = [target for _, target in pairs]

    @property
    def spec(self) -> TokenSpec:
        return TokenSpec(tokenizer=self.tokenizer, sequence_length=self.sequence_length, example_ends=True)

    def __len__(self) -> int:
        return len(self.pairs)

    def take(self, index: torch.Tensor) -> Batch:
        # The widths from the lengths, which stay on the CPU: no device round trip per batch.
        source_width, target_width = (int(lengths[index.cpu()].max()) for lengths in (self.source_lengths, self.target_lengths))
        index = index.to(self.source.device)
        return Batch(source=self.source[index, :source_width], target=self.target[index, :target_width])

    def on_device(self, device: torch.device) -> "PairSet":
        moved = object.__new__(PairSet)
        moved.__dict__.update(self.__dict__, source=self.source.to(device), target=self.target.to(device))
        return moved
