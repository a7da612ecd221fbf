"""A DCGAN written the way the classic tutorials write it (the PyTorch DCGAN tutorial, adapted to
28x28 as the Keras/TensorFlow Fashion-MNIST tutorials do): a torchvision DataLoader with ToTensor
and Normalize, a sigmoid at D's output with nn.BCELoss, Adam 2e-4 with beta1 0.5, batch 64.
The baseline row of benchmarks/gan_budget.py. Not part of genforge."""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import torch
from torch import nn
from torchvision import datasets, transforms

LATENT = 100


def generator() -> nn.Module:
    return nn.Sequential(
        nn.ConvTranspose2d(LATENT, 256, 7, 1, 0, bias=False), nn.BatchNorm2d(256), nn.ReLU(True),
        nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(True),
        nn.ConvTranspose2d(128, 1, 4, 2, 1, bias=False), nn.Tanh())


def discriminator() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2, True),
        nn.Conv2d(128, 1, 7, 1, 0, bias=False), nn.Sigmoid())


def weights_init(m):
    if "Conv" in type(m).__name__:
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif "BatchNorm" in type(m).__name__:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def torchvision_root(idx_folder: Path, scratch: Path) -> Path:
    """torchvision's FashionMNIST reads uncompressed files from ROOT/FashionMNIST/raw (no download)."""
    raw = scratch / "FashionMNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for stem in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        target = raw / stem
        if not target.exists():
            with gzip.open(idx_folder / f"{stem}.gz") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
    return scratch


def train_textbook_dcgan(idx_folder: Path, scratch: Path, minutes: float, seed: int = 0) -> tuple[nn.Module, dict]:
    torch.manual_seed(seed)
    dataset = datasets.FashionMNIST(str(torchvision_root(idx_folder, scratch)), train=True, download=False,
                                    transform=transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))]))
    loader = torch.utils.data.DataLoader(dataset, batch_size=64, shuffle=True, num_workers=2)
    netG, netD = generator(), discriminator()
    netG.apply(weights_init)
    netD.apply(weights_init)
    criterion = nn.BCELoss()
    optimizerD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optimizerG = torch.optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < 60 * minutes:
        for real, _ in loader:
            # (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
            netD.zero_grad()
            b_size = real.size(0)
            label = torch.full((b_size,), 1.0)
            errD_real = criterion(netD(real).view(-1), label)
            errD_real.backward()
            fake = netG(torch.randn(b_size, LATENT, 1, 1))
            label.fill_(0.0)
            errD_fake = criterion(netD(fake.detach()).view(-1), label)
            errD_fake.backward()
            optimizerD.step()
            # (2) Update G: maximize log(D(G(z)))
            netG.zero_grad()
            label.fill_(1.0)
            errG = criterion(netD(fake).view(-1), label)
            errG.backward()
            optimizerG.step()
            steps += 1
            if time.perf_counter() - start >= 60 * minutes:
                break
    seconds = time.perf_counter() - start
    return netG, {"steps": steps, "seconds": seconds, "images_per_second": steps * 64 / seconds}


@torch.no_grad()
def sample_uint8(netG: nn.Module, n: int, seed: int = 0) -> torch.Tensor:
    netG.eval()
    generator = torch.Generator().manual_seed(seed)
    images = [netG(torch.randn(500, LATENT, 1, 1, generator=generator)) for _ in range((n + 499) // 500)]
    return torch.cat(images)[:n].add(1).mul(127.5).round().clamp(0, 255).to(torch.uint8)
