"""Text datasets: a split's examples as one stream of token ids, cut into training windows.

Like every dataset (core/__init__.py) it has a `modality` ("text"), a `spec` (TokenSpec: the
tokeniser and the window length) and `take(indices) -> Batch`: item i is the window of
`sequence_length + 1` ids starting at token i (batch.x), from which a language model reads the
first `sequence_length` and predicts the last `sequence_length` (nanoGPT's get_batch, with the
offsets drawn by BatchSchedule so that they are a pure function of (seed, step)). Each example is
followed by <eos>, so a model learns where a fortune or a poem ends; a running text (Shakespeare)
is one example without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from ...core import Batch, DataSpec
from ...core.errors import DataError
from .tokenizers import EOS, Tokenizer


@dataclass(frozen=True)
class TokenSpec(DataSpec):
    """Sequences of `sequence_length` ids of `tokenizer`."""

    modality: str = "text"
    tokenizer: Tokenizer | None = field(default=None, compare=False)
    sequence_length: int = 0
    example_ends: bool = False  # each example is followed by <eos> (False: one running text)

    @property
    def vocab_size(self) -> int:
        return self.tokenizer.vocab_size

    @property
    def loss_unit(self) -> str:
        return "nats/token"

    def assets(self) -> dict:
        return {"tokenizer": self.tokenizer.to_json()}


def encode_examples(tokenizer: Tokenizer, examples: list[str], running_text: bool) -> torch.Tensor:
    ids: list[int] = []
    for encoded in tokenizer.encode_many(examples):
        ids += encoded
        if not running_text:
            ids.append(EOS)
    return torch.tensor(ids, dtype=torch.long)


class TokenStream:
    """One split of a corpus as int64 ids, served as overlapping windows."""

    modality = "text"

    def __init__(self, name: str, ids: torch.Tensor, tokenizer: Tokenizer, sequence_length: int,
                 example_ends: bool = False, record: dict | None = None, skipped: tuple[str, ...] = (),
                 examples: list[str] | None = None):
        if len(ids) < sequence_length + 2:
            raise DataError(f"{name} has {len(ids)} tokens, too few for sequences of {sequence_length}: "
                            "give more text or a smaller --sequence-length")
        self.name, self.ids, self.tokenizer, self.sequence_length = name, ids, tokenizer, sequence_length
        self.example_ends = example_ends
        self.examples = examples or []  # the split's examples as text (for sample metrics: BLEU, novelty)
        self.record = record or {}  # what the run folder records of the data (corpora.Corpus.record)
        self.class_names: tuple[str, ...] = ()
        self.skipped = skipped

    @property
    def spec(self) -> TokenSpec:
        return TokenSpec(tokenizer=self.tokenizer, sequence_length=self.sequence_length, example_ends=self.example_ends)

    def __len__(self) -> int:
        """Windows that fit: every start offset with sequence_length + 1 tokens after it."""
        return len(self.ids) - self.sequence_length

    def take(self, index: torch.Tensor) -> Batch:
        offsets = index.to(self.ids.device).unsqueeze(1) + torch.arange(self.sequence_length + 1, device=self.ids.device)
        return Batch(x=self.ids[offsets])

    def on_device(self, device: torch.device) -> "TokenStream":
        return TokenStream(self.name, self.ids.to(device), self.tokenizer, self.sequence_length, self.example_ends,
                           self.record, self.skipped, self.examples)
