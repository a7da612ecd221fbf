"""The language model: next-token prediction with a cross-entropy loss in nats per token, and sampling
with a temperature, top-k, top-p and a prompt, through a key-value cache (linear in the length)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...data.text.tokenizers import EOS
from ...core.errors import GenforgeError
from ..base import evaluating, seeded_generator
from ..families import MODELS
from ..text_model import PromptContinuing, TextModel, row_log_likelihood
from ..text_sampling import check_sampling, draw_until_end, token_picker
from ...core.registry import Registry
from .config import CharLMConfig, LMConfig, LSTMLMConfig
from .lstm import LSTMNetwork
from .transformer import Transformer

# architecture -> the network of an LMConfig: each takes ids (B, T) to next-token logits, and has
# start(window) / extend(next ids, cache) for sampling, and `window_limited`.
NETWORKS = Registry("language model architecture")
NETWORKS.register("transformer")(lambda config: Transformer(config.vocab_size, config.context, config.layers,
                                                            config.heads, config.width, config.dropout))
NETWORKS.register("lstm")(lambda config: LSTMNetwork(config.vocab_size, config.layers, config.width, config.dropout))


def decayed_adamw(model: torch.nn.Module, config) -> torch.optim.AdamW:
    """AdamW with weight decay on the matrices (2-d or more), not on biases and norms' gains (nanoGPT's split)."""
    matrices = [p for p in model.parameters() if p.dim() >= 2]
    others = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": matrices, "weight_decay": config.weight_decay}, {"params": others, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=config.lr, betas=config.betas)


@MODELS.register("lm", modality="text")
class LanguageModel(PromptContinuing, TextModel):
    config_class = LMConfig
    CAPABLE_OF = ("sample", "continue_prompt", "likelihood")
    capabilities = Capabilities(continue_prompt=True, likelihood=True)

    def __init__(self, config: LMConfig):
        super().__init__(config)
        self.network = NETWORKS.get(config.architecture)(config)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"lm": decayed_adamw(self, self.config)}

    def nats_per_token(self, batch: Batch) -> torch.Tensor:
        """The mean cross-entropy of each next token given those before it."""
        ids = batch.x
        logits = self.network(ids[:, :-1])
        return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))

    def log_likelihood(self, batch: Batch) -> torch.Tensor:
        """log p of each window's tokens after its first, in nats."""
        return row_log_likelihood(self.network(batch.x[:, :-1]), batch.x[:, 1:])

    def train_step(self, batch, optimizers, engine):
        with engine.autocast():
            loss = self.nats_per_token(batch)
        grad_norm = engine.update(loss, optimizers["lm"], "lm", max_grad_norm=self.config.max_grad_norm)
        return {"loss": loss.item(), **({"grad_norm": grad_norm} if grad_norm is not None else {})}

    def start_ids(self, prompt: str) -> list[int]:
        """What sampling conditions on first: <eos> (an example just ended) where the data's examples
        end with it, then the prompt; a running text with no prompt starts at a line break."""
        ids = self.prompt_ids(prompt) if prompt else []
        if self.config.example_ends:
            return [EOS, *ids]
        if not ids:
            tokenizer = self.require_tokenizer()
            ids = tokenizer.encode("\n") if not tokenizer.unknown("\n") else [EOS]
        return ids

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, length: int = 400, temperature: float = 0.8,
               prompt: str = "", top_k: int | None = None, top_p: float | None = None,
               cache: bool = True) -> Samples:
        """n continuations of `prompt`, each up to `length` tokens (characters, for a character model);
        where examples end with <eos>, each stops at its end.

        An LSTM conditions on everything before (its state). A Transformer conditions on the tokens since
        its window was last filled: when `context` tokens are cached, it starts again from the last half, so every token sees at least half a context
        and sampling stays linear in `length`. `cache=False` recomputes each window whole (the same
        tokens, slower: the check that the cache is exact). A prompt longer than a Transformer's context
        is cut from the left, and `conditioning["prompt_cut"]` says how many tokens were dropped.
        """
        check_sampling(temperature, top_k, top_p, self.config.vocab_size)
        if length < 1:
            raise GenforgeError(f"--length must be at least 1, got {length}")
        generator = seeded_generator(seed)
        start = self.start_ids(prompt)
        context = self.config.context
        cut = max(len(start) - context, 0) if self.network.window_limited else 0
        network = self.network
        with evaluating(self):
            window = torch.tensor(start[cut:], dtype=torch.long).repeat(n, 1).to(self.device)
            logits, caches = network.start(window)

            def advance(following: torch.Tensor) -> torch.Tensor:
                nonlocal window, caches
                window = torch.cat([window, following.to(self.device)], dim=1)
                if network.window_limited and window.shape[1] > context:  # full: again from the last half
                    window = window[:, -(context // 2 or 1):]
                    logits, caches = network.start(window)
                elif cache:
                    logits, caches = network.extend(following.to(self.device), caches)
                else:
                    logits, caches = network.start(window)
                return logits

            generated = draw_until_end(logits, advance, length, token_picker(generator, temperature, top_k, top_p),
                                       stop_at_end=self.config.example_ends)
        texts = tuple(prompt + self.text_of(row) for row in generated)
        return Samples("text", generated, decoded=texts,
                       conditioning={"seed": seed, "prompt": prompt, "temperature": temperature, "length": length,
                                     "top_k": top_k, "top_p": top_p, "prompt_cut": cut})


@MODELS.register("lstm-lm", modality="text")
class LSTMLanguageModel(LanguageModel):
    config_class = LSTMLMConfig


@MODELS.register("char-lm", modality="text")
class CharLM(LanguageModel):
    config_class = CharLMConfig


from . import melody  # noqa: E402,F401  (registers melody-lm: the same networks on music events)
