"""Sequence to sequence: cross-entropy of each target token given the source and the target before it
(teacher forcing, with label smoothing), and decoding a target for a source greedily, by sampling
(temperature, top-k, top-p) or by beam search with GNMT's length penalty."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...data.text.tokenizers import BOS, EOS, PAD
from ...core.errors import GenforgeError
from ..base import evaluating, seeded_generator
from ..families import MODELS
from ..text_model import TextModel, row_log_likelihood
from ..text_sampling import check_sampling, draw_until_end, token_picker
from .config import MAX_BEAM, Seq2SeqConfig
from .network import EncoderDecoder

DECODINGS = ("greedy", "sample", "beam")


def check_beam(width: int, vocab_size: int) -> None:
    """A beam search keeps `width` prefixes, each extended by its `width` likeliest tokens."""
    widest = min(MAX_BEAM, vocab_size)
    if not 1 <= width <= widest:
        raise GenforgeError(f"--beam must be in 1..{widest} (at most {MAX_BEAM}, and no more than the model's "
                            f"{vocab_size} ids), got {width}")


@MODELS.register("seq2seq", modality="text")
class Seq2Seq(TextModel):
    config_class = Seq2SeqConfig
    CAPABLE_OF = ("sample", "generate_from", "likelihood")
    capabilities = Capabilities(generate_from=True, likelihood=True)

    def __init__(self, config: Seq2SeqConfig):
        super().__init__(config)
        self.network = EncoderDecoder(config.vocab_size, config.context + 2, config.layers, config.heads,
                                      config.width, config.dropout)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"seq2seq": torch.optim.Adam(self.parameters(), lr=self.config.lr, betas=self.config.betas)}

    def token_losses(self, batch: Batch, label_smoothing: float = 0.0) -> tuple[torch.Tensor, torch.Tensor]:
        """(the mean cross-entropy over the targets' tokens after <bos>, how many tokens)."""
        logits = self.network(batch.source, batch.target[:, :-1])
        targets = batch.target[:, 1:]
        loss = F.cross_entropy(logits.float().transpose(1, 2), targets, ignore_index=PAD, label_smoothing=label_smoothing)
        return loss, (targets != PAD).sum()

    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        return self.token_losses(batch)[0]

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """log p(target | source) of each pair, in nats."""
        return row_log_likelihood(self.network(batch.source, batch.target[:, :-1]), batch.target[:, 1:], PAD)

    def train_step(self, batch, optimizers, engine):
        with engine.autocast():
            loss, _ = self.token_losses(batch, self.config.label_smoothing)
        grad_norm = engine.update(loss, optimizers["seq2seq"], "seq2seq", max_grad_norm=self.config.max_grad_norm)
        return {"loss": loss.item(), **({"grad_norm": grad_norm} if grad_norm is not None else {})}

    # -- decoding ----------------------------------------------------------------------------------
    def source_ids(self, sources: list[str]) -> torch.Tensor:
        return self.encoded_texts(sources)[0].to(self.device)

    @torch.no_grad()
    def generate_from(self, sources: list[str], decoding: str = "greedy", seed: int | None = None, temperature: float = 1.0,
                 top_k: int | None = None, top_p: float | None = None, beam_size: int | None = None) -> list[str]:
        """A target for each source (at most `context` tokens)."""
        if decoding not in DECODINGS:
            raise GenforgeError(f"--decoding must be greedy, sample or beam, got {decoding!r}")
        check_sampling(temperature, top_k, top_p, self.config.vocab_size)
        width = beam_size or self.config.beam_size
        if decoding == "beam":
            check_beam(width, self.config.vocab_size)
        with evaluating(self):
            memory, padding = self.network.encode(self.source_ids(sources))
            if decoding == "beam":
                return [self.beam_search(memory[i:i + 1], padding[i:i + 1], width) for i in range(len(sources))]
            generator = seeded_generator(seed) if decoding == "sample" else None
            return self.step_by_step(memory, padding, generator, temperature, top_k, top_p)

    def step_by_step(self, memory, padding, generator, temperature, top_k, top_p) -> list[str]:
        """Greedy (no generator) or sampled decoding of every source at once; the decoder sees the whole
        prefix again at each step (targets are short: at most `context` tokens)."""
        target = torch.full((memory.shape[0], 1), BOS, dtype=torch.long, device=memory.device)

        def advance(following: torch.Tensor) -> torch.Tensor:
            nonlocal target
            target = torch.cat([target, following.to(memory.device)], dim=1)
            return self.network.decode(target, memory, padding)[:, -1]

        drawn = draw_until_end(self.network.decode(target, memory, padding)[:, -1], advance, self.config.context + 1,
                               token_picker(generator, temperature, top_k, top_p))
        return [self.text_of(row) for row in drawn]

    def beam_search(self, memory: torch.Tensor, padding: torch.Tensor, width: int) -> str:
        """The likeliest target by beam search (one source): the `width` best prefixes kept at each step,
        finished ones ranked by log-probability over GNMT's length penalty ((5 + length) / 6) ** alpha."""
        alpha = self.config.length_penalty
        beams: list[tuple[float, list[int]]] = [(0.0, [BOS])]
        finished: list[tuple[float, list[int]]] = []
        for _ in range(self.config.context + 1):
            prefixes = torch.tensor([ids for _, ids in beams], device=memory.device)
            expanded = memory.expand(len(beams), -1, -1), padding.expand(len(beams), -1)
            log_probabilities = torch.log_softmax(self.network.decode(prefixes, *expanded)[:, -1].float(), dim=-1).cpu()
            candidates = []
            for (score, ids), row in zip(beams, log_probabilities):
                values, tokens = torch.topk(row, width)
                candidates += [(score + float(value), ids + [int(token)]) for value, token in zip(values, tokens)]
            candidates.sort(key=lambda candidate: -candidate[0])
            beams = []
            for score, ids in candidates[:width]:
                (finished if ids[-1] == EOS else beams).append((score, ids))
            if not beams or len(finished) >= width:
                break
        pool = finished or beams
        best = max(pool, key=lambda candidate: candidate[0] / ((5 + len(candidate[1]) - 1) / 6) ** alpha)
        return self.text_of(best[1][1:])

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, temperature: float = 1.0, top_k: int | None = None,
               top_p: float | None = None, length: int | None = None, prompt: str = "", source: str = "") -> Samples:
        """n targets drawn for one `source` (empty: what the model says to nothing). A `prompt` belongs to
        language models: a seq2seq model is given a source (`genforge generate RUN --source TEXT`)."""
        if prompt:
            raise GenforgeError("a seq2seq model answers a source, not a prompt: genforge generate RUN --source TEXT")
        texts = self.generate_from([source] * n, "sample", seed, temperature, top_k, top_p)
        return Samples("text", torch.zeros(n, 0, dtype=torch.long), decoded=tuple(texts),
                       conditioning={"seed": seed, "source": source, "temperature": temperature, "top_k": top_k,
                                     "top_p": top_p})
