"""A modality defined entirely outside the package: 2-D points from a mixture of eight Gaussians on a
circle (the toy of Metz et al. 2017, Unrolled GANs, Sec. 3.1: radius 2, standard deviation 0.02), with
a tiny MLP GAN, registered through the same public functions the built-in modalities use, one per
layer (docs/architecture.md, "Adding a modality"). Importing this module registers it;
tests/core/test_outside_modality.py drives every command on it through the CLI's entry function.

    python -c 'import sys, points_modality; points_modality.drive(sys.argv[1])' '[["train", ...], ...]' 
"""

from __future__ import annotations

import html
import json
import math
import sys
import time
from dataclasses import dataclass
from typing import ClassVar

import torch
from torch import nn

from genforge.core import MODALITIES, Batch, Capabilities, DataSpec, Modality, Samples
from genforge.core.errors import GenforgeError
from genforge.core.storage import write_json_atomically
from genforge.data.config import DataConfig
from genforge.data.flags import DataFlag, DataFlagGroup, register_flags
from genforge.data.sources import DataSource, register
from genforge.metrics.handlers import ModalityMetrics, register_metrics
from genforge.metrics.results import EvalResult
from genforge.models import MODELS
from genforge.models.base import GenerativeModel, frozen, seeded_generator
from genforge.models.model_config import ModelConfig, model_config
from genforge.pipelines.handlers import ModalityPipelines, SamplingPlan, register_pipelines
from genforge.reports.handlers import Leaderboard, ModalityReport, register_report

MODALITY = "points"
CENTRES = torch.tensor([[2 * math.cos(2 * math.pi * k / 8), 2 * math.sin(2 * math.pi * k / 8)] for k in range(8)])
STD = 0.02
NEAR = 3 * STD * 5  # a sample within 0.3 of a centre counts as that mode's (a high-quality sample)


# -- data -------------------------------------------------------------------------------------------

@dataclass
class PointsConfig(DataConfig):
    name: str = "eight-gaussians"
    count: int = 2048  # points in the training split (the test split has a quarter as many)


@dataclass(frozen=True)
class PointsSpec(DataSpec):
    modality: str = MODALITY

    @property
    def item_name(self) -> str:
        return "points"


class PointSet:
    modality = MODALITY

    def __init__(self, points: torch.Tensor):
        self.points, self.spec = points, PointsSpec()

    def __len__(self) -> int:
        return len(self.points)

    def take(self, index: torch.Tensor) -> Batch:
        return Batch(x=self.points[index])

    def on_device(self, device) -> "PointSet":
        return PointSet(self.points.to(device))


def load_points(config: PointsConfig) -> PointSet:
    """A pure function of the split: train from seed 0, test from seed 1."""
    count = config.count if config.split == "train" else max(1, config.count // 4)
    generator = torch.Generator().manual_seed(0 if config.split == "train" else 1)
    modes = torch.randint(0, 8, (count,), generator=generator)
    return PointSet(CENTRES[modes] + STD * torch.randn(count, 2, generator=generator))


register(DataSource("eight-gaussians", MODALITY, ("train", "test"), held_out="test",
                    loader="points_modality:load_points", config_class=PointsConfig))


# -- two unpaired domains of different sizes: the loop's several-stream path ------------------------

@dataclass(frozen=True)
class TwoDomainSpec(PointsSpec):
    @property
    def streams(self) -> tuple[str, ...]:
        return ("a", "b")


class TwoDomains:
    """Domain a: the eight Gaussians; domain b: the same ring halved and moved to (1, 1), with fewer
    points, so that the two index streams have epochs of different lengths."""
    modality = MODALITY

    def __init__(self, a: torch.Tensor, b: torch.Tensor):
        self.domains, self.spec = {"a": a, "b": b}, TwoDomainSpec()

    def stream_length(self, name: str) -> int:
        return len(self.domains[name])

    def take(self, indices: dict[str, torch.Tensor]) -> Batch:
        return Batch(**{name: self.domains[name][index] for name, index in indices.items()})

    def on_device(self, device) -> "TwoDomains":
        return TwoDomains(*(points.to(device) for points in self.domains.values()))


def load_two_domains(config: PointsConfig) -> TwoDomains:
    a = load_points(config).points
    b = 0.5 * load_points(PointsConfig(split=config.split, count=max(8, (5 * config.count) // 8))).points + 1.0
    return TwoDomains(a, b)


register(DataSource("two-rings", MODALITY, ("train", "test"), held_out="test",
                    loader="points_modality:load_two_domains", config_class=PointsConfig))
register_flags(DataFlagGroup("points", "2-D points from eight Gaussians", (
    DataFlag("--point-count", "count", {"type": int, "metavar": "N", "help": "points in the training split"}),)))


# -- model ------------------------------------------------------------------------------------------

@model_config
@dataclass
class PointsGANConfig(ModelConfig):
    name: str = "points-gan"
    width: int = 64
    latent_dim: int = 2
    lr: float = 1e-3


def mlp(inputs: int, width: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(), nn.Linear(width, outputs))


class PointsGAN(GenerativeModel):
    config_class: ClassVar[type[ModelConfig]] = PointsGANConfig

    def __init__(self, config: PointsGANConfig):
        super().__init__(config)
        self.generator = mlp(config.latent_dim, config.width, 2)
        self.discriminator = mlp(2, config.width, 1)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(sample=True)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {name: torch.optim.Adam(getattr(self, name).parameters(), lr=self.config.lr, betas=(0.5, 0.999))
                for name in ("discriminator", "generator")}

    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        """The non-saturating GAN (Goodfellow et al. 2014), one D and one G update."""
        real = batch.x
        fake = self.generator(torch.randn(len(real), self.config.latent_dim, device=real.device))
        with engine.autocast():
            loss_d = (nn.functional.softplus(-self.discriminator(real)).mean()
                      + nn.functional.softplus(self.discriminator(fake.detach())).mean())
        engine.update(loss_d, optimizers["discriminator"], "discriminator")
        with engine.autocast(), frozen(self.discriminator):
            loss_g = nn.functional.softplus(-self.discriminator(fake)).mean()
        engine.update(loss_g, optimizers["generator"], "generator")
        return {"loss_d": loss_d.item(), "loss_g": loss_g.item()}

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, **conditioning) -> Samples:
        latents = torch.randn(n, self.config.latent_dim, generator=seeded_generator(seed))
        points = self.generator(latents.to(self.device)).float().cpu()
        return Samples(self.modality, points, conditioning={"seed": seed})


MODELS.register("points-gan", modality=MODALITY)(PointsGAN)


@model_config
@dataclass
class PointsMoverConfig(ModelConfig):
    name: str = "points-mover"
    width: int = 16
    lr: float = 1e-2


class PointsMover(GenerativeModel):
    """Maps domain a onto domain b without pairs, by matching the two batches' means and standard
    deviations (moment matching); noise in its input makes the step draw random numbers too."""
    config_class: ClassVar[type[ModelConfig]] = PointsMoverConfig

    def __init__(self, config: PointsMoverConfig):
        super().__init__(config)
        self.mover = mlp(3, config.width, 2)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities()

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"mover": torch.optim.Adam(self.mover.parameters(), lr=self.config.lr)}

    def train_step(self, batch, optimizers, engine) -> dict[str, float]:
        noise = torch.randn(len(batch.a), 1, device=batch.a.device)
        moved = self.mover(torch.cat([batch.a, noise], dim=1))
        loss = (moved.mean(0) - batch.b.mean(0)).pow(2).sum() + (moved.std(0) - batch.b.std(0)).pow(2).sum()
        engine.update(loss, optimizers["mover"], "mover")
        return {"loss": loss.item()}


MODELS.register("points-mover", modality=MODALITY)(PointsMover)


# -- modality: points written as JSON ---------------------------------------------------------------

class PointsModality(Modality):
    name = MODALITY
    unit = "point"
    formats = ("json",)
    default_count = 256

    def write(self, chunks, path, fmt: str, total: int, **layout) -> None:
        points = torch.cat([chunk.values for chunk in chunks])
        write_json_atomically(path, {"points": points.tolist()}, f"{total} points")

    def output_bytes(self, model, n: int, fmt: str, options: dict) -> int:
        return 64 * n  # two floats as JSON text

    def check_output(self, model, n: int, fmt, printed: bool) -> None:
        if printed:
            raise GenforgeError("--out is needed for points: name a points.json")

    def units_in(self, batch: Batch) -> int:
        return len(batch)


MODALITIES.register(MODALITY)(PointsModality())
register_metrics(ModalityMetrics(MODALITY))  # nothing measured while it trains


# -- pipelines: what to draw, and how a run is scored -----------------------------------------------

def mode_figures(points: torch.Tensor) -> dict[str, float]:
    """Modes covered (a centre with at least 1% of the samples near it) and the share of samples near
    any centre: the two figures of Srivastava et al. 2017 (VEEGAN) for this toy."""
    distances = torch.cdist(points, CENTRES)
    nearest = distances.min(dim=1)
    near = nearest.values < NEAR
    counts = torch.bincount(nearest.indices[near], minlength=8)
    return {"modes covered": float((counts >= 0.01 * len(points)).sum()), "high quality": float(near.float().mean())}


class PointsPipelines(ModalityPipelines):
    name = MODALITY

    def plan_samples(self, model, request, n, fmt) -> SamplingPlan:
        return SamplingPlan(n, lambda start, count, seed: model.sample(count, seed=seed))

    def evaluate(self, folder, config, request) -> EvalResult:
        from genforge.pipelines.loading import load

        started = time.perf_counter()
        count = request.count or 1000
        points = load(folder.root, checkpoint=request.chosen).sample(count, seed=request.seed).values
        values = mode_figures(points)
        record = {"kind": "mode-coverage", "metrics": values, "fake": {"count": count, "source": str(folder.root)},
                  "real": {"count": 8, "source": "the eight centres"}, "seconds": time.perf_counter() - started}
        return EvalResult(values, [], record)

    def report_data(self, model, config) -> dict:
        return {"points": model.sample(400, seed=0).values}


register_pipelines(PointsPipelines())


# -- reports: the scatter of samples, the figures, a leaderboard ------------------------------------

def scatter_svg(points: torch.Tensor, size: int = 240) -> str:
    """The samples as dots and the centres as rings, inline (no file, no library)."""
    scale = size / 6
    dots = "".join(f'<circle cx="{size / 2 + scale * x:.1f}" cy="{size / 2 - scale * y:.1f}" r="1.5"/>'
                   for x, y in points.tolist())
    rings = "".join(f'<circle cx="{size / 2 + scale * x:.1f}" cy="{size / 2 - scale * y:.1f}" r="6" fill="none" '
                    f'stroke="red"/>' for x, y in CENTRES.tolist())
    return f'<svg width="{size}" height="{size}" role="img" aria-label="samples">{dots}{rings}</svg>'


class PointsReport(ModalityReport):
    name = MODALITY

    def evaluation_section(self, run) -> str:
        values = run.evaluation["metrics"]
        return "<table>" + "".join(f"<tr><td>{html.escape(name)}</td><td>{value:.3f}</td></tr>"
                                   for name, value in values.items()) + "</table>"

    def unmeasured_note(self, run) -> str:
        return '<p class="muted">Not evaluated yet: <code>genforge eval RUN</code>.</p>'

    def sections(self, run, data) -> list[str]:
        return ["<h2>Eight Gaussians: samples</h2>" + scatter_svg(data["points"])]

    def leaderboard(self, runs) -> Leaderboard:
        def figure(run, name):
            return ((run.evaluation or {}).get("metrics") or {}).get(name)

        ordered = sorted(runs, key=lambda run: (-(figure(run, "modes covered") or -1), run.name))
        rows = [([run.name, run.model], [figure(run, "modes covered"), figure(run, "high quality"), run.step,
                                         run.seconds / 60, run.throughput]) for run in ordered]
        return Leaderboard("Points runs", "Ranked by modes covered.", ["run", "model", "modes covered", "high quality",
                                                                        "steps", "training time (min)", "units/s"],
                           [0, 3, 0, 1, 0], rows, [])

    def headline(self, run) -> str | None:
        modes = ((run.evaluation or {}).get("metrics") or {}).get("modes covered")
        return None if modes is None else f"{modes:.0f} of 8 modes (eval)"


register_report(PointsReport())


def drive(commands: str) -> None:
    """Each command of the JSON list through the CLI's entry function, in this one process (the
    registrations above hold for all of them); stops at the first that fails."""
    from genforge.cli.main import main

    for argv in json.loads(commands):
        code = main(argv)
        print(json.dumps({"command": argv[0], "exit": code}), flush=True)
        if code:
            sys.exit(code)
