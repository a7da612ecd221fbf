"""The text modality's entry in core.MODALITIES."""

from __future__ import annotations

from functools import lru_cache

from ...core import MODALITIES, Batch, Modality
from ...core.errors import GenforgeError
from .training import RecordTextData, SampleTexts
from .writers import FORMATS, write_text_samples

# Samples printed to the terminal at most; more go to a file (--out), where the disk check holds.
MAX_PRINTED = 10_000
# What a byte of text can take in a file: JSON's \uXXXX escape of a control character is 6 bytes.
ESCAPED_BYTES = 6
HEADER_BYTES = 512  # a sample's header line (.txt) or its JSON keys and numbers (.jsonl)


@lru_cache(maxsize=8)
def longest_token_bytes(tokenizer) -> int:
    """The most UTF-8 bytes one id decodes to (a character's 4 at most; a BPE merge or a word more)."""
    return max(len(tokenizer.decode([index]).encode()) for index in range(tokenizer.vocab_size))


class TextModality(Modality):
    name = "text"
    unit = "token"
    formats = FORMATS
    default_count = 3
    feature_metrics = False  # text is scored by its likelihood (genforge nll)
    training_metric = "val-loss"
    evaluate_by_default = True  # cheap: every checkpoint logs the validation loss

    def write(self, chunks, path, fmt: str, total: int, **layout) -> None:
        write_text_samples(chunks, path, fmt, total)

    def output_bytes(self, model, n: int, fmt: str, options: dict) -> int:
        """Each sample: its header, the prompt (also in each .jsonl line) and `length` tokens of the
        longest the tokeniser decodes, every byte counted as if escaped."""
        prompt = len(options.get("prompt", "").encode())
        token = longest_token_bytes(model.require_tokenizer())
        return n * (HEADER_BYTES + ESCAPED_BYTES * (2 * prompt + options["length"] * token))

    def check_output(self, model, n: int, fmt: str | None, printed: bool) -> None:
        if printed and n > MAX_PRINTED:
            raise GenforgeError(f"--n {n} is more samples than are printed ({MAX_PRINTED:,} at most); write them to a "
                                "file with --out samples.jsonl")

    def units_in(self, batch: Batch) -> int:
        """Tokens predicted: each window of T + 1 ids trains on T next-token predictions; padded
        sequences and pairs' targets count their tokens after <bos> (<pad> is 0)."""
        if batch.x is None:  # (source, target) pairs: the targets are what is predicted
            return int((batch.target[:, 1:] != 0).sum())
        if batch.mask is not None:  # padded sequences
            return int(batch.mask[:, 1:].sum())
        return batch.x.shape[0] * (batch.x.shape[1] - 1)

    def training_callbacks(self, config, data) -> list:
        return [SampleTexts(), RecordTextData()]


MODALITIES.register("text")(TextModality())
