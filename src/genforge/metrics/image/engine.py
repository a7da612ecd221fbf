"""Features once, then every metric from them, through torch-fidelity's own metric functions.

Features are extracted in batches by the torch-fidelity extractor (so `torch_fidelity.calculate_metrics`
with the same extractor gives the same numbers; tests/metrics check that), then IS, FID, KID and
precision/recall come from torch-fidelity's `*_features_to_metric` functions. Every value is
named with its feature network, e.g. FID[fmnist-cnn], so no one mistakes it for Inception FID.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch_fidelity.metric_fid import fid_features_to_statistics, fid_statistics_to_metric
from torch_fidelity.metric_isc import isc_features_to_metric
from torch_fidelity.metric_kid import kid_features_to_metric
from torch_fidelity.metric_prc import prc_features_to_metric
from torch_fidelity.utils import create_feature_extractor

from ...core.errors import EvalError
from ...core.registry import Registry
from .extractors import Extractor

KID_SUBSET_SIZE = 1000  # Binkowski et al. 2018 and torch-fidelity's default
KID_SUBSETS = 100
PRC_NEIGHBOURHOOD = 3  # Kynkaanniemi et al. 2019, k = 3
IS_SPLITS = 10  # Salimans et al. 2016


@dataclass
class MetricContext:
    fake: dict[str, torch.Tensor]  # layer -> (N, D) features of the generated images
    real: dict[str, torch.Tensor] | None  # the same for the reference images
    extractor: Extractor
    seed: int
    notes: list[str]


@dataclass(frozen=True)
class Metric:
    needs_real: bool
    layer: Callable[[Extractor], str]
    compute: Callable[[MetricContext], dict[str, float]]


METRICS: Registry[Metric] = Registry("metric")


def _inception_score(ctx: MetricContext) -> dict[str, float]:
    logits = ctx.fake[ctx.extractor.logits_layer]
    if logits.shape[0] < IS_SPLITS:
        raise EvalError(f"IS needs at least {IS_SPLITS} images (one per split), got {logits.shape[0]}")
    result = isc_features_to_metric(logits, splits=IS_SPLITS, shuffle=True, rng_seed=ctx.seed)
    name = f"IS[{ctx.extractor.name}]"
    return {name: result["inception_score_mean"], f"{name} std": result["inception_score_std"]}


def _frechet_distance(ctx: MetricContext) -> dict[str, float]:
    layer = ctx.extractor.features_layer
    fake, real = ctx.fake[layer], ctx.real[layer]
    if min(fake.shape[0], real.shape[0]) < 2:
        raise EvalError("FID needs at least 2 images on each side")
    result = fid_statistics_to_metric(fid_features_to_statistics(fake), fid_features_to_statistics(real), False)
    return {f"FID[{ctx.extractor.name}]": result["frechet_inception_distance"]}


def _kernel_distance(ctx: MetricContext) -> dict[str, float]:
    layer = ctx.extractor.features_layer
    fake, real = ctx.fake[layer], ctx.real[layer]
    subset = min(KID_SUBSET_SIZE, fake.shape[0], real.shape[0])
    if subset < 2:
        raise EvalError("KID needs at least 2 images on each side")
    if subset < KID_SUBSET_SIZE:
        ctx.notes.append(f"KID subsets of {subset} images (fewer than the usual {KID_SUBSET_SIZE} are available)")
    result = kid_features_to_metric(fake, real, kid_subsets=KID_SUBSETS, kid_subset_size=subset,
                                    rng_seed=ctx.seed, verbose=False)
    name = f"KID[{ctx.extractor.name}]"
    return {name: result["kernel_inception_distance_mean"], f"{name} std": result["kernel_inception_distance_std"]}


def _precision_recall(ctx: MetricContext) -> dict[str, float]:
    layer = ctx.extractor.features_layer
    fake, real = ctx.fake[layer], ctx.real[layer]
    if min(fake.shape[0], real.shape[0]) <= PRC_NEIGHBOURHOOD:
        raise EvalError(f"precision/recall needs more than {PRC_NEIGHBOURHOOD} images on each side")
    # torch-fidelity's convention: input 1 is generated, input 2 is real.
    result = prc_features_to_metric(fake, real, prc_neighborhood=PRC_NEIGHBOURHOOD, verbose=False)
    return {f"precision[{ctx.extractor.name}]": result["precision"],
            f"recall[{ctx.extractor.name}]": result["recall"]}


METRICS.register("is")(Metric(False, lambda e: e.logits_layer, _inception_score))
METRICS.register("fid")(Metric(True, lambda e: e.features_layer, _frechet_distance))
METRICS.register("kid")(Metric(True, lambda e: e.features_layer, _kernel_distance))
METRICS.register("pr")(Metric(True, lambda e: e.features_layer, _precision_recall))


def parse_metric_names(text: str) -> list[str]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise EvalError("--metrics names none; choose from " + ", ".join(METRICS.names()))
    for name in names:
        METRICS.get(name)  # raises with a suggestion for a typo
    return names


def layers_for(metric_names: list[str], extractor: Extractor, real: bool) -> list[str]:
    layers = {METRICS.get(name).layer(extractor) for name in metric_names
              if not real or METRICS.get(name).needs_real}
    return sorted(layers)


def build_extractor(extractor: Extractor, layers: list[str], options: dict):
    return create_feature_extractor(extractor.fidelity_name, layers, cuda=False, verbose=False,
                                    **extractor.fidelity_options(options))


@torch.no_grad()
def extract_features(network, extractor: Extractor, images: torch.Tensor,
                     batch_size: int = 250) -> dict[str, torch.Tensor]:
    """uint8 (N, C, H, W) images -> {layer: (N, D) float features}, in batches."""
    outputs: dict[str, list[torch.Tensor]] = {name: [] for name in network.features_list}
    for batch in images.split(batch_size):
        if batch.shape[1] == 1 and extractor.input_channels == 3:
            batch = batch.expand(-1, 3, -1, -1)
        for name, value in zip(network.features_list, network(batch)):
            outputs[name].append(value.float().cpu())
    return {name: torch.cat(values) for name, values in outputs.items()}


def compute_metrics(metric_names: list[str], extractor: Extractor, fake: dict, real: dict | None,
                    seed: int = 0) -> tuple[dict[str, float], list[str]]:
    """All the asked metrics from precomputed features; returns (values, notes on handling)."""
    ctx = MetricContext(fake, real, extractor, seed, [])
    values: dict[str, float] = {}
    for name in metric_names:
        metric = METRICS.get(name)
        if metric.needs_real and real is None:
            raise EvalError(f"{name} compares with real images; give a reference")
        values.update(metric.compute(ctx))
    return values, ctx.notes
