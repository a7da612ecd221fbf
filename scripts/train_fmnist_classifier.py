"""Train the Fashion-MNIST feature network that ships with genforge, deterministically.

    .venv/bin/python scripts/train_fmnist_classifier.py [--epochs 10] [--out src/genforge/metrics/image/weights]

Writes fmnist_cnn.safetensors and prints its SHA-256 and test accuracy; the hash goes into
src/genforge/metrics/fmnist_extractor.py, which refuses weights that do not match it.
Same seed, same thread count -> the same file, byte for byte, on the CPU.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

from genforge.training.run_config import DataConfig
from genforge.data import BatchSchedule, load_dataset
from genforge.metrics.image.fmnist_network import FashionMNISTClassifier


def flip_half(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Mirror a random half of the batch left-right (clothes are roughly symmetric)."""
    flip = torch.rand(images.shape[0], generator=generator) < 0.5
    return torch.where(flip.view(-1, 1, 1, 1), images.flip(-1), images)


def shift(images: torch.Tensor, generator: torch.Generator, pixels: int = 2) -> torch.Tensor:
    """Translate the whole batch by one random offset of up to `pixels`, zero-filled."""
    dx, dy = (torch.randint(-pixels, pixels + 1, (2,), generator=generator)).tolist()
    padded = F.pad(images, (pixels, pixels, pixels, pixels))
    h, w = images.shape[-2:]
    return padded[..., pixels + dy: pixels + dy + h, pixels + dx: pixels + dx + w]


@torch.no_grad()
def accuracy(model, images, labels) -> float:
    model.eval()
    correct = sum((model(chunk)[1].argmax(1) == target).sum().item()
                  for chunk, target in zip(images.split(1000), labels.split(1000)))
    model.train()
    return correct / len(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir")
    parser.add_argument("--out", default=str(Path(__file__).parents[1] / "src/genforge/metrics/image/weights"))
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    train = load_dataset(DataConfig(dir=args.data_dir, split="train"))
    test = load_dataset(DataConfig(dir=args.data_dir, split="test"))
    model = FashionMNISTClassifier()
    schedule = BatchSchedule(len(train), args.batch_size, args.seed)
    total_steps = args.epochs * schedule.batches_per_epoch
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=5e-4)
    lr_schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=total_steps)
    augment = torch.Generator().manual_seed(args.seed)
    started = time.time()
    for step in range(total_steps):
        index = schedule.indices(step)
        images = shift(flip_half(train.images[index], augment), augment)
        loss = F.cross_entropy(model(images)[1], train.labels[index], label_smoothing=0.05)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        lr_schedule.step()
        if (step + 1) % schedule.batches_per_epoch == 0:
            epoch = (step + 1) // schedule.batches_per_epoch
            print(f"epoch {epoch}: loss {loss.item():.3f}, test accuracy {accuracy(model, test.images, test.labels):.4f}, "
                  f"{time.time() - started:.0f} s", flush=True)
    model.eval()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "fmnist_cnn.safetensors"
    # No metadata: safetensors writes a metadata map in no fixed order, which would change the
    # file's bytes (and its SHA-256) between identical runs.
    save_file({key: value.contiguous() for key, value in model.state_dict().items()}, str(path))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    print(f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    print(f"test accuracy {accuracy(model, test.images, test.labels):.4f}")


if __name__ == "__main__":
    main()
