"""Likelihood figures of a sentence VAE on held-out sentences (He et al. 2019, table 2's columns):
the importance-sampled NLL bound with k samples (Burda et al. 2016), the negative ELBO with its
reconstruction and KL terms, perplexity (exp of the NLL bound over every predicted token, <eos>
included, as Bowman et al. 2016), bits per character, the mutual information I(x; z) and the
active units (Burda et al. 2016, 5.2: Cov_x(E_q[z_u]) > 0.01)."""

from __future__ import annotations

import torch

from ...core import Batch
from ...data.text.tokenizers import PAD
from ...models.base import evaluating
from .likelihood import nll_figures

ACTIVE_UNIT_THRESHOLD = 1e-2


@torch.no_grad()
def sentence_likelihood_report(model, data, samples: int = 500, limit: int | None = None, batch_size: int = 20) -> dict:
    """Figures over the first `limit` sentences of `data` (a TokenSequences), all of them when None."""
    count = min(limit or len(data), len(data))
    nll, reconstruction, kl, means, information, tokens, characters = [], [], [], [], [], 0, 0
    generator = torch.Generator().manual_seed(0)
    with evaluating(model):
        torch.manual_seed(0)  # the importance samples: the same figures for the same weights
        for start in range(0, count, batch_size):
            index = torch.arange(start, min(start + batch_size, count))
            batch = data.take(index).to(model.device)
            nll.append(-model.log_likelihood(Batch(x=batch.x, lengths=batch.lengths), samples=samples).cpu())
            terms = model.terms(batch, generator=generator)
            reconstruction.append(terms["reconstruction"].cpu())
            kl.append(terms["kl_per_dimension"].sum(1).cpu())
            means.append(model.encoder(batch.x, batch.lengths)[0].cpu())
            if len(index) > 1:
                information.append(model.mutual_information(batch) * len(index))
            tokens += int((batch.x[:, 1:] != PAD).sum())
            characters += sum(data.characters[start:start + len(index)])  # what was scored, each end included
    total_nll = torch.cat(nll).sum().item()
    return {
        "sentences": count, "importance_samples": samples,
        "nll_nats_per_sentence": total_nll / count,
        "negative_elbo_nats_per_sentence": (torch.cat(reconstruction) + torch.cat(kl)).mean().item(),
        "reconstruction_nats_per_sentence": torch.cat(reconstruction).mean().item(),
        "kl_nats_per_sentence": torch.cat(kl).mean().item(),
        **nll_figures(total_nll, tokens, characters, data),
        "mutual_information_nats": sum(information) / max(count, 1),
        "active_units": int((torch.cat(means).var(0) > ACTIVE_UNIT_THRESHOLD).sum()),
        "latent_dim": int(torch.cat(means).shape[1]),
    }
