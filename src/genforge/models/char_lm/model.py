"""The character-level language model: next-character prediction with a cross-entropy loss in nats
per character, and sampling with a temperature, an optional top-k cut and an optional prompt."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...errors import GenforgeError
from ...data.text import CharacterVocabulary
from ..base import GenerativeModel, evaluating, seeded_generator
from ..registry import MODELS
from .config import CharLMConfig
from .network import Transformer


@MODELS.register("char-lm")
class CharLM(GenerativeModel):
    config_class = CharLMConfig
    modality = "text"
    capabilities = Capabilities(sample_from_prompt=True, likelihood=True)

    def __init__(self, config: CharLMConfig):
        super().__init__(config)
        if not config.vocabulary or not config.context:
            raise GenforgeError("the char-lm needs a vocabulary and a context length: train it on a text dataset")
        self.vocabulary = config.vocabulary
        self.characters = CharacterVocabulary(config.vocabulary)
        self.transformer = Transformer(len(config.vocabulary), config.context, config.layers, config.heads,
                                       config.width, config.dropout)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        # Weight decay on the matrices (2-d or more), not on biases, norms' gains (nanoGPT's split).
        matrices = [p for p in self.parameters() if p.dim() >= 2]
        others = [p for p in self.parameters() if p.dim() < 2]
        groups = [{"params": matrices, "weight_decay": self.config.weight_decay}, {"params": others, "weight_decay": 0.0}]
        return {"lm": torch.optim.AdamW(groups, lr=self.config.lr, betas=self.config.betas)}

    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        """The mean cross-entropy of each next token given those before it (nats per character)."""
        ids = batch.x
        logits = self.transformer(ids[:, :-1])
        return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))

    def train_step(self, batch, optimizers, engine):
        with engine.autocast():
            loss = self.nats_per_token(batch)
        grad_norm = engine.update(loss, optimizers["lm"], "lm", max_grad_norm=self.config.max_grad_norm)
        return {"loss": loss.item(), **({"grad_norm": grad_norm} if grad_norm is not None else {})}

    def prompt_ids(self, prompt: str) -> torch.Tensor:
        unknown = self.characters.unknown(prompt)
        if unknown:
            raise GenforgeError(f"--prompt has characters outside the model's vocabulary: {unknown!r} "
                                f"(it knows {len(self.vocabulary)} characters)")
        return self.characters.encode(prompt)

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, length: int = 400, temperature: float = 0.8,
               prompt: str = "", top_k: int | None = None) -> Samples:
        """n continuations of `prompt` (a newline when empty, as a scene starts) of `length` characters.

        Each next character is drawn from softmax(logits / temperature), optionally limited to the
        top_k likeliest, with a CPU generator of its own: the same seed gives the same text on any
        device, and the training RNG is left alone.
        """
        if temperature <= 0:
            raise GenforgeError(f"--temperature must be positive, got {temperature}")
        if length < 1:
            raise GenforgeError(f"--length must be at least 1, got {length}")
        if top_k is not None and not 1 <= top_k <= len(self.vocabulary):
            raise GenforgeError(f"--top-k must be in 1..{len(self.vocabulary)}, got {top_k}")
        generator = seeded_generator(seed)
        start = self.prompt_ids(prompt) if prompt else self.prompt_ids("\n") if "\n" in self.characters.ids else torch.zeros(1, dtype=torch.long)
        ids = start.repeat(n, 1)
        with evaluating(self):
            for _ in range(length):
                window = ids[:, -self.config.context:].to(self.device)
                logits = self.transformer(window)[:, -1].float().cpu() / temperature
                if top_k is not None:
                    cut = torch.topk(logits, top_k).values[:, -1:]
                    logits = logits.masked_fill(logits < cut, float("-inf"))
                following = torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator)
                ids = torch.cat([ids, following], dim=1)
        texts = tuple(prompt + self.characters.decode(row[len(start):]) for row in ids)
        return Samples("text", ids, decoded=texts,
                       conditioning={"seed": seed, "prompt": prompt, "temperature": temperature, "length": length,
                                     "top_k": top_k})
