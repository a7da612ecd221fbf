"""The sentence VAE (Bowman et al. 2016): the negative ELBO per sentence, reconstruction in nats summed
over its tokens plus the weighted KL of q(z|x) from N(0, I), with the collapse remedies of the config;
an importance-sampled NLL bound (Burda et al. 2016), the mutual information I(x; z) and active units;
sampling from the prior, reconstructions and homotopies between two sentences (Bowman et al., table 8)."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...data.text.tokenizers import BOS, PAD, UNK
from ...core.errors import GenforgeError
from ...objectives.elbo import (free_bits_kl, gaussian_kl_per_dimension, importance_weighted_bound, kl_weight,
                                log_diagonal_gaussian, log_standard_normal)
from ..base import evaluating, frozen, seeded_generator
from ..families import MODELS
from ..text_model import TextModel
from ..text_sampling import check_sampling, draw_until_end, token_picker
from .config import SentenceVAEConfig
from .networks import SentenceDecoder, SentenceEncoder


@MODELS.register("sentence-vae", modality="text")
class SentenceVAE(TextModel):
    config_class = SentenceVAEConfig
    CAPABLE_OF = ("sample", "encode", "reconstruct", "interpolate", "likelihood")
    capabilities = Capabilities(encode=True, reconstruct=True, interpolate=True, likelihood=True, latent="gaussian")

    def __init__(self, config: SentenceVAEConfig):
        super().__init__(config)
        sizes = (config.vocab_size, config.cell, config.embedding, config.hidden, config.layers, config.latent_dim)
        self.encoder = SentenceEncoder(*sizes)
        self.decoder = SentenceDecoder(*sizes)
        # Optimisation steps taken, for the schedules; a buffer so checkpoints carry it.
        self.register_buffer("steps_done", torch.zeros((), dtype=torch.long))

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"vae": torch.optim.Adam(self.parameters(), lr=self.config.lr)}

    # -- the objective ---------------------------------------------------------------------------
    def reconstruction_nats(self, batch: Batch, z: torch.Tensor, word_dropout: float = 0.0) -> torch.Tensor:
        """-log p(x | z) per sentence: the decoder's cross-entropy summed over its tokens after <bos>."""
        inputs, targets = batch.x[:, :-1], batch.x[:, 1:]
        if word_dropout > 0:  # Bowman et al. 2016, 3.2: decoder inputs (not <bos>) replaced by <unk>
            dropped = (torch.rand(inputs.shape, device=inputs.device) < word_dropout) & (inputs != PAD) & (inputs != BOS)
            inputs = inputs.masked_fill(dropped, UNK)
        logits, _ = self.decoder(inputs, self.decoder.initial_state(z))
        nats = F.cross_entropy(logits.float().transpose(1, 2), targets, reduction="none", ignore_index=PAD)
        return nats.sum(1)

    def terms(self, batch: Batch, word_dropout: float = 0.0, generator: torch.Generator | None = None) -> dict:
        """The ELBO's terms per sentence with one z from q(z|x); `generator` (CPU) draws it apart from the
        global RNG, so that measuring during training leaves the training's random stream alone."""
        mean, log_variance = self.encoder(batch.x, batch.lengths)
        noise = torch.randn(mean.shape, generator=generator).to(mean.device) if generator else torch.randn_like(mean)
        z = mean + noise * (0.5 * log_variance).exp()  # reparameterisation
        return {"reconstruction": self.reconstruction_nats(batch, z, word_dropout),
                "kl_per_dimension": gaussian_kl_per_dimension(mean, log_variance)}

    def kl_weight_at(self, step: int) -> float:
        config = self.config
        if step < config.pretrain_autoencoder_steps:
            return 0.0  # Li et al. 2019: a plain autoencoder first
        return kl_weight(step - config.pretrain_autoencoder_steps, config.kl_schedule, config.kl_schedule_steps)

    def loss(self, batch: Batch, step: int) -> tuple[torch.Tensor, dict[str, float]]:
        terms = self.terms(batch, self.config.word_dropout)
        weight = self.kl_weight_at(step)
        kl = terms["kl_per_dimension"].sum(1).mean()
        penalty = free_bits_kl(terms["kl_per_dimension"], self.config.free_bits) if self.config.free_bits else kl
        reconstruction = terms["reconstruction"].mean()
        loss = reconstruction + weight * penalty
        return loss, {"loss": loss.item(), "reconstruction": reconstruction.item(), "kl": kl.item(), "kl_weight": weight}

    def train_step(self, batch, optimizers, engine):
        config, step = self.config, int(self.steps_done)
        optimizer = optimizers["vae"]
        if step == config.pretrain_autoencoder_steps and step > 0:
            self.reset_decoder(optimizer)
        if step < config.aggressive_steps:
            # He et al. 2019, algorithm 1: the encoder first, until its loss stops falling, then the decoder.
            best = math.inf
            for _ in range(config.aggressive_inner_steps):
                with frozen(self.decoder), engine.autocast():
                    loss, _ = self.loss(batch, step)
                engine.update(loss, optimizer, "vae", max_grad_norm=config.max_grad_norm)
                if loss.item() >= best:
                    break
                best = loss.item()
            with frozen(self.encoder), engine.autocast():
                loss, logged = self.loss(batch, step)
        else:
            with engine.autocast():
                loss, logged = self.loss(batch, step)
        grad_norm = engine.update(loss, optimizer, "vae", max_grad_norm=config.max_grad_norm)
        self.steps_done += 1
        return {**logged, **({"grad_norm": grad_norm} if grad_norm is not None else {})}

    def reset_decoder(self, optimizer: torch.optim.Optimizer) -> None:
        """Li et al. 2019: after the autoencoder phase, the decoder starts again (its weights re-drawn,
        from the global RNG, which checkpoints carry; its optimiser state forgotten); the encoder stays."""
        for module in (self.decoder.embedding, self.decoder.from_latent, self.decoder.rnn, self.decoder.out):
            module.reset_parameters()
        for parameter in self.decoder.parameters():
            optimizer.state.pop(parameter, None)

    # -- measurement -----------------------------------------------------------------------------
    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        """The negative ELBO per predicted token (one z each): the validation loss during training."""
        terms = self.terms(batch, generator=torch.Generator().manual_seed(0))
        tokens = (batch.x[:, 1:] != PAD).sum()
        return (terms["reconstruction"].sum() + terms["kl_per_dimension"].sum()) / tokens

    @torch.no_grad()
    def log_likelihood(self, batch: Batch, samples: int = 500, chunk: int = 50) -> torch.Tensor:
        """log p(x) per sentence, bounded below with `samples` importance samples from q(z|x) (Burda
        et al. 2016, eq. 8); at least the ELBO, and tighter as `samples` grows."""
        mean, log_variance = self.encoder(batch.x, batch.lengths)
        weights = []
        for start in range(0, samples, chunk):
            k = min(chunk, samples - start)
            z = mean.unsqueeze(0) + torch.randn((k, *mean.shape), device=mean.device) * (0.5 * log_variance).exp()
            repeated = Batch(x=batch.x.repeat(k, 1))
            flat = z.reshape(-1, mean.shape[1])
            log_px_z = -self.reconstruction_nats(repeated, flat).view(k, -1)
            log_pz = log_standard_normal(flat).view(k, -1)
            log_qz = log_diagonal_gaussian(flat, mean.repeat(k, 1), log_variance.repeat(k, 1)).view(k, -1)
            weights.append(log_px_z + log_pz - log_qz)
        return importance_weighted_bound(torch.cat(weights))

    @torch.no_grad()
    def mutual_information(self, batch: Batch) -> float:
        """I(x; z) under q (Hoffman and Johnson 2016), estimated on a batch as He et al. 2019 do:
        E[log q(z|x)] - E[log q(z)], q(z) the batch's mixture of posteriors."""
        mean, log_variance = self.encoder(batch.x, batch.lengths)
        size, dims = mean.shape
        negative_entropy = (-0.5 * dims * math.log(2 * math.pi) - 0.5 * (1 + log_variance).sum(1)).mean()
        z = mean + torch.randn_like(mean) * (0.5 * log_variance).exp()
        deviation = z.unsqueeze(1) - mean.unsqueeze(0)  # (z_i, posterior j)
        log_q = -0.5 * (deviation.pow(2) / log_variance.exp().unsqueeze(0) + log_variance.unsqueeze(0)
                        + math.log(2 * math.pi)).sum(2)
        log_aggregate = torch.logsumexp(log_q, dim=1) - math.log(size)
        return float(negative_entropy - log_aggregate.mean())

    # -- use -------------------------------------------------------------------------------------
    def encode_texts(self, texts: list[str]) -> Batch:
        ids, lengths = self.encoded_texts(texts)
        return Batch(x=ids.to(self.device), lengths=lengths)

    @torch.no_grad()
    def posterior_means(self, texts: list[str]) -> torch.Tensor:
        with evaluating(self):
            batch = self.encode_texts(texts)
            return self.encoder(batch.x, batch.lengths)[0]

    @torch.no_grad()
    def decode(self, z: torch.Tensor, generator: torch.Generator | None = None, temperature: float = 1.0,
               top_k: int | None = None, top_p: float | None = None, max_tokens: int | None = None) -> list[str]:
        """Sentences from latents: greedy without a generator (Bowman et al.'s homotopies), else drawn."""
        with evaluating(self):
            state = self.decoder.initial_state(z.to(self.device))

            def advance(following: torch.Tensor) -> torch.Tensor:
                nonlocal state
                logits, state = self.decoder(following.to(self.device), state)
                return logits[:, -1]

            first = advance(torch.full((z.shape[0], 1), BOS, dtype=torch.long))
            ids = draw_until_end(first, advance, max_tokens or self.config.context + 1,
                                 token_picker(generator, temperature, top_k, top_p))
        return [self.text_of(row) for row in ids]

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, temperature: float = 1.0, top_k: int | None = None,
               top_p: float | None = None, length: int | None = None, prompt: str = "") -> Samples:
        """n sentences decoded from z ~ N(0, I), each token drawn at `temperature` (top-k / top-p as a
        language model's), each at most `length` tokens (default: the training length and its <eos>).
        A `prompt` belongs to language models and is refused here."""
        if prompt:
            raise GenforgeError("the sentence VAE does not continue a prompt: it decodes a latent")
        check_sampling(temperature, top_k, top_p, self.config.vocab_size)
        generator = seeded_generator(seed)
        z = torch.randn((n, self.config.latent_dim), generator=generator)
        texts = self.decode(z, generator, temperature, top_k, top_p, length)
        return Samples("text", z, decoded=tuple(texts),
                       conditioning={"seed": seed, "temperature": temperature, "top_k": top_k, "top_p": top_p})

    def encode(self, items: list[str]) -> torch.Tensor:
        """Sentences -> their posterior means."""
        return self.posterior_means(items)

    def reconstruct(self, items: list[str]) -> list[str]:
        return self.reconstruct_texts(items)

    def interpolate(self, a: str, b: str, steps: int) -> list[str]:
        return self.homotopy(a, b, steps)

    def reconstruct_texts(self, texts: list[str]) -> list[str]:
        """Each text through its posterior mean and back, greedily."""
        return self.decode(self.posterior_means(texts))

    def homotopy(self, a: str, b: str, steps: int = 8) -> list[str]:
        """Bowman et al. 2016, 4.3: greedy decodings along the line between the posterior means of a and b."""
        ends = self.posterior_means([a, b])
        weights = torch.linspace(0, 1, steps, device=ends.device).unsqueeze(1)
        return self.decode((1 - weights) * ends[0] + weights * ends[1])
