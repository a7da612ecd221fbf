"""The text GAN's train step: maximum likelihood for `pretrain_steps`, then RelGAN's adversarial
steps, a discriminator update and a generator update each, with the relativistic standard loss (the
paper's RSGAN: objectives/gan.py, relativistic pairing) on real one-hot sentences against the
generator's Gumbel-softmax ones. The generator is a language model throughout: its likelihood of
held-out sentences is exact, and sampling is a language model's (temperature, top-k, top-p)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...data.text.tokenizers import BOS, PAD
from ...objectives.gan import relativistic_pairing_discriminator_loss, relativistic_pairing_generator_loss
from ..base import evaluating, frozen, seeded_generator
from ..families import MODELS
from ..text_model import PromptContinuing, TextModel, row_log_likelihood
from ..text_sampling import check_sampling, draw_until_end, token_picker
from .config import TextGANConfig
from .networks import LSTMGenerator, MultiRepresentationCNN


@MODELS.register("text-gan", modality="text")
class TextGAN(PromptContinuing, TextModel):
    config_class = TextGANConfig
    CAPABLE_OF = ("sample", "continue_prompt", "likelihood")
    capabilities = Capabilities(continue_prompt=True, likelihood=True)

    def __init__(self, config: TextGANConfig):
        super().__init__(config)
        self.length = config.context + 1  # the tokens after <bos>: the sentence, <eos>, then <pad>
        self.generator = LSTMGenerator(config.vocab_size, config.embedding, config.hidden)
        self.discriminator = MultiRepresentationCNN(config.vocab_size, self.length, config.representations,
                                                    config.representation_width, config.filters, config.dropout)
        self.register_buffer("steps_done", torch.zeros((), dtype=torch.long))

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        config = self.config
        return {"mle": torch.optim.Adam(self.generator.parameters(), lr=config.pretrain_lr, betas=config.betas),
                "generator": torch.optim.Adam(self.generator.parameters(), lr=config.lr, betas=config.betas),
                "discriminator": torch.optim.Adam(self.discriminator.parameters(), lr=config.lr, betas=config.betas)}

    def inverse_temperature(self, adversarial_step: int) -> float:
        """RelGAN's exponential schedule: beta_max ** (n / N), from 1 up to beta_max."""
        config = self.config
        return config.max_inverse_temperature ** min(adversarial_step / config.temperature_steps, 1.0)

    def mle_loss(self, batch: Batch, ignore_padding: bool = False) -> torch.Tensor:
        """Cross-entropy of each next token of the fixed-length sentence; <pad> after <eos> is a token the
        generator must learn too (the discriminator sees it), except when scoring likelihoods."""
        logits, _ = self.generator(batch.x[:, :-1])
        return F.cross_entropy(logits.float().transpose(1, 2), batch.x[:, 1:], ignore_index=PAD if ignore_padding else -100)

    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        return self.mle_loss(batch, ignore_padding=True)

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """log p of each sentence's tokens after <bos> (its <pad> left out), in nats."""
        return row_log_likelihood(self.generator(batch.x[:, :-1])[0], batch.x[:, 1:], PAD)

    def train_step(self, batch, optimizers, engine):
        config, step = self.config, int(self.steps_done)
        self.steps_done += 1
        if step < config.pretrain_steps:
            with engine.autocast():
                loss = self.mle_loss(batch)
            grad_norm = engine.update(loss, optimizers["mle"], "mle", max_grad_norm=config.max_grad_norm)
            return {"mle_loss": loss.item(), **({"grad_norm": grad_norm} if grad_norm is not None else {})}
        beta = self.inverse_temperature(step - config.pretrain_steps)
        real = F.one_hot(batch.x[:, 1:], config.vocab_size).float()
        with engine.autocast():
            with torch.no_grad():
                fake = self.generator.relaxed(len(batch), self.length, beta, real.device)
            d_loss = relativistic_pairing_discriminator_loss(self.discriminator(real), self.discriminator(fake))
        engine.update(d_loss, optimizers["discriminator"], "discriminator", max_grad_norm=config.max_grad_norm)
        with frozen(self.discriminator), engine.autocast():
            fake = self.generator.relaxed(len(batch), self.length, beta, real.device)
            g_loss = relativistic_pairing_generator_loss(self.discriminator(fake), self.discriminator(real))
        grad_norm = engine.update(g_loss, optimizers["generator"], "generator", max_grad_norm=config.max_grad_norm)
        return {"d_loss": d_loss.item(), "g_loss": g_loss.item(), "inverse_temperature": beta,
                **({"grad_norm": grad_norm} if grad_norm is not None else {})}

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, temperature: float = 1.0, top_k: int | None = None,
               top_p: float | None = None, length: int | None = None, prompt: str = "") -> Samples:
        """n sentences from the generator, each token drawn at `temperature` (1: the generator's own
        distribution, what the adversarial phase trained), stopping at <eos>."""
        check_sampling(temperature, top_k, top_p, self.config.vocab_size)
        generator = seeded_generator(seed)
        start = [BOS, *(self.prompt_ids(prompt) if prompt else [])]
        with evaluating(self):
            logits, state = self.generator(torch.tensor(start, dtype=torch.long).repeat(n, 1).to(self.device))

            def advance(following: torch.Tensor) -> torch.Tensor:
                nonlocal state
                logits, state = self.generator(following.to(self.device), state)
                return logits[:, -1]

            drawn = draw_until_end(logits[:, -1], advance, length or self.length,
                                   token_picker(generator, temperature, top_k, top_p))
        texts = tuple(prompt + self.text_of(row) for row in drawn)
        return Samples("text", drawn, decoded=texts,
                       conditioning={"seed": seed, "temperature": temperature, "top_k": top_k, "top_p": top_p,
                                     "prompt": prompt})
