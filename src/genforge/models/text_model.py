"""What the text families share: the tokeniser they were trained with (an asset: its JSON is saved in
every checkpoint and checked against the config's SHA-256), prompts and given texts turned into ids,
and generated ids turned back into text."""

from __future__ import annotations

import torch

from ..data.text.sequences import padded
from ..data.text.tokenizers import EOS, Tokenizer, tokenizer_from_json
from ..core.errors import GenforgeError
from ..core import Batch, Samples
from .base import GenerativeModel


class TextModel(GenerativeModel):
    tokenizer: Tokenizer | None = None

    def __init__(self, config):
        super().__init__(config)
        if not config.vocab_size or not config.context:
            raise GenforgeError(f"the {config.name} model needs a vocabulary and a context length: "
                                "train it on a text dataset")

    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        """The mean negative log-likelihood of the batch's predicted tokens, in nats (each family's)."""
        raise NotImplementedError

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        return self.nats_per_token(batch)  # in nats per token, TokenSpec.loss_unit

    def assets(self) -> dict[str, dict]:
        return {"tokenizer": self.tokenizer.to_json()} if self.tokenizer is not None else {}

    def load_assets(self, assets: dict[str, dict]) -> None:
        if "tokenizer" not in assets:
            return
        tokenizer = tokenizer_from_json(assets["tokenizer"])
        expected = self.config.tokenizer_sha256
        if expected is not None and tokenizer.sha256 != expected:
            raise GenforgeError(f"the tokeniser saved with the weights ({tokenizer.sha256[:12]}...) is not the one "
                                f"the config names ({expected[:12]}...): the checkpoint was altered")
        if tokenizer.vocab_size != self.config.vocab_size:
            raise GenforgeError(f"the tokeniser has {tokenizer.vocab_size} ids but the model {self.config.vocab_size}")
        self.tokenizer = tokenizer

    def require_tokenizer(self) -> Tokenizer:
        if self.tokenizer is None:
            raise GenforgeError("this model has no tokeniser: load it from a run (genforge.load) or train it")
        return self.tokenizer

    def prompt_ids(self, prompt: str) -> list[int]:
        self.check_known(prompt, "--prompt")
        return self.require_tokenizer().encode(prompt)

    def check_known(self, text: str, flag: str) -> None:
        """A text given by the user (`flag`: --prompt, --source) that the tokeniser can represent whole:
        what it cannot would become <unk>, which a character model never saw in training."""
        tokenizer = self.require_tokenizer()
        unknown = tokenizer.unknown(text)
        if unknown:
            raise GenforgeError(f"{flag} has characters outside the model's vocabulary: {unknown!r} "
                                f"(its tokeniser: {tokenizer.describe()})")

    def encoded_texts(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """Given texts as the model reads examples: ids (N, longest + 2) of <bos> tokens <eos> <pad>...,
        each cut to the model's context as in training, and their lengths (N,), on the CPU."""
        rows = [self.require_tokenizer().encode(text) for text in texts]
        ids, lengths, _ = padded(rows, min(self.config.context, max(map(len, rows))))
        return ids, lengths

    def text_of(self, ids) -> str:
        """The text of generated ids (a tensor or a list) up to the first <eos>, the specials left out."""
        ids = ids.tolist() if isinstance(ids, torch.Tensor) else list(ids)
        return self.require_tokenizer().decode(ids[: ids.index(EOS)] if EOS in ids else ids)


def row_log_likelihood(logits: torch.Tensor, targets: torch.Tensor, ignore_index: int | None = None) -> torch.Tensor:
    """log p of each row's target tokens given the logits before them, summed over the row, in nats
    (the `likelihood` capability's log_likelihood for a model that predicts tokens one by one)."""
    losses = torch.nn.functional.cross_entropy(logits.float().transpose(1, 2), targets, reduction="none",
                                               ignore_index=-100 if ignore_index is None else ignore_index)
    return -losses.sum(dim=1)


class PromptContinuing:
    """The `continue_prompt` capability of a text model whose `sample` continues a prompt."""

    def continue_prompt(self, prompt: str, n: int, seed: int | None = None, **options) -> Samples:
        return self.sample(n, seed=seed, prompt=prompt, **options)
