"""A reference for genforge's VAE NLL: the VAE of PyTorch's own examples (pytorch/examples, vae/main.py),
trained for the same wall-clock budget and scored with an importance-sampling estimate written here,
independently of genforge's.

    .venv/bin/python benchmarks/reference_vae.py [--minutes 10]

The model is the examples' one: an MLP 784-400-(20, 20) encoder and 20-400-784 decoder, Bernoulli
cross-entropy on [0, 1] intensities summed over pixels, KL to N(0, I), Adam 1e-3, batch 128, data
through a torchvision DataLoader with ToTensor (as the example does). The NLL is the IWAE bound
with k = 1000 on the first 1,000 test images: the same data scale, likelihood and estimator as
`benchmarks/vae_table.py`'s NLL column, so the two are comparable.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DATA = Path(os.environ.get("GENFORGE_DATA", "/usr/share/datasets/fashion-mnist"))


def read_images(stem: str) -> torch.Tensor:
    path = DATA / f"{stem}-images-idx3-ubyte.gz"
    with gzip.open(path, "rb") if path.exists() else open(DATA / f"{stem}-images-idx3-ubyte", "rb") as handle:
        raw = handle.read()
    return torch.from_numpy(np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)


class ExamplesVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc21(h), self.fc22(h)

    def decode_logits(self, z):
        return self.fc4(F.relu(self.fc3(z)))


def train(minutes: float) -> tuple[ExamplesVAE, int]:
    torch.manual_seed(1)
    model = ExamplesVAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(read_images("train")), batch_size=128, shuffle=True)
    steps, started = 0, time.perf_counter()
    while time.perf_counter() - started < 60 * minutes:
        for (x,) in loader:
            mu, logvar = model.encode(x)
            z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
            reconstruction = F.binary_cross_entropy_with_logits(model.decode_logits(z), x, reduction="sum")
            kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
            optimizer.zero_grad()
            ((reconstruction + kl) / x.shape[0]).backward()
            optimizer.step()
            steps += 1
            if time.perf_counter() - started >= 60 * minutes:
                break
    return model, steps


@torch.no_grad()
def importance_sampled_nll(model: ExamplesVAE, x: torch.Tensor, k: int = 1000, chunk: int = 100) -> float:
    """-log p(x) ~ -log mean_k p(x|z) p(z) / q(z|x), z ~ q(z|x), in nats per image."""
    totals = []
    for image in x:
        mu, logvar = model.encode(image[None])
        std = (0.5 * logvar).exp()
        weights = []
        for _ in range(k // chunk):
            eps = torch.randn(chunk, mu.shape[1])
            z = mu + eps * std
            log_px = -F.binary_cross_entropy_with_logits(model.decode_logits(z), image.expand(chunk, -1),
                                                         reduction="none").sum(1)
            log_pz = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(1)
            log_qz = (-0.5 * eps.pow(2) - 0.5 * math.log(2 * math.pi) - std.log()).sum(1)
            weights.append(log_px + log_pz - log_qz)
        totals.append(-(torch.logsumexp(torch.cat(weights), 0) - math.log(k)).item())
    return float(np.mean(totals))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--images", type=int, default=1000)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    model, steps = train(args.minutes)
    torch.manual_seed(0)
    nll = importance_sampled_nll(model, read_images("t10k")[: args.images])
    print(f"| pytorch/examples VAE (MLP 400, z = 20) | {steps} | {nll:.1f} | {nll / (784 * math.log(2)):.4f} |")


if __name__ == "__main__":
    main()
