"""`genforge interpolate RUN --a A --b B`: a path through latent space, decoded.

For a VAE, A and B index test images (their encodings are the ends); for a GAN, they are seeds
of two latent draws. Gaussian latents are interpolated spherically (slerp); a VQ-VAE's encoder
outputs linearly, each point snapped to its nearest codes."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..data import load_split
from ..errors import GenforgeError
from ..reports.grids import save_grid
from ..sampling import lerp, slerp
from ..training.run_folder import RunFolder


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("interpolate", help="decode a path between two latents", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--a", type=int, required=True, help="VAE: test image index; GAN: seed")
    parser.add_argument("--b", type=int, required=True, help="VAE: test image index; GAN: seed")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--out", required=True, help="output PNG")
    parser.set_defaults(run=run)


def end_latents(model, config, a: int, b: int) -> tuple[torch.Tensor, torch.Tensor]:
    if hasattr(model, "encode_mean"):
        images = load_split(config.data, "test").images
        for index in (a, b):
            if not 0 <= index < len(images):
                raise GenforgeError(f"test image index {index} is outside 0..{len(images) - 1}")
        ends = model.encode_mean(images[[a, b]]).cpu()
        return ends[0], ends[1]
    draw = lambda seed: torch.randn(model.latent_shape, generator=torch.Generator().manual_seed(seed))  # noqa: E731
    return draw(a), draw(b)


def run(args) -> int:
    if args.steps < 2:
        raise GenforgeError("--steps must be at least 2")
    config = RunFolder(Path(args.run_folder)).read_config()
    model = load(args.run_folder)
    start, end = end_latents(model, config, args.a, args.b)
    blend = slerp if model.gaussian_latents else lerp
    path = blend(start.flatten(), end.flatten(), args.steps).view(args.steps, *model.latent_shape)
    labels = torch.zeros(args.steps, dtype=torch.long) if model.num_classes else None
    images = model.sample(args.steps, latents=path, labels=labels)
    save_grid(images, args.out, columns=args.steps)
    print(f"{args.steps}-step interpolation written to {args.out}")
    return 0
