"""One evaluation: generated images against a reference, through one feature network.

Reference features of a dataset split are cached per (dataset, split, count, seed, extractor,
weights hash) in $GENFORGE_CACHE/features, so scoring many runs costs the reference only once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from pathlib import Path

import torch
from ...core.storage import load_tensors_or_none, save_tensors_atomically

from ...version import __version__
from ...core.cache import cache_dir
from ...data.config import DataConfig
from ..results import EvalResult
from .engine import build_extractor, compute_metrics, extract_features, layers_for
from .extractors import DEFAULT_COUNT, EXTRACTORS, Extractor  # noqa: F401  (DEFAULT_COUNT re-exported)
from .sources import ImageSource, load_source, parse_dataset_spec


class FeatureComputer:
    """An extractor's network, built once, with a cache for dataset reference features."""

    def __init__(self, extractor_name: str, options: dict):
        self.extractor: Extractor = EXTRACTORS.get(extractor_name)
        self.options = options
        self.layers = sorted({self.extractor.logits_layer, self.extractor.features_layer})
        self.network = build_extractor(self.extractor, self.layers, options)
        self.weights_sha256 = self.extractor.weights_sha256(options)

    def features(self, images: torch.Tensor) -> dict[str, torch.Tensor]:
        return extract_features(self.network, self.extractor, images)

    def reference_path(self, dataset: DataConfig, count: int | None, seed: int) -> Path:
        # Everything that changes the images (folder, size, crop...) is in the name's hash.
        options = hashlib.sha256(json.dumps(dataclasses.asdict(dataset), sort_keys=True).encode()).hexdigest()[:12]
        name = (f"{dataset.name}-{dataset.split}-{options}-n{count or 'all'}-s{seed}-{self.extractor.name}-"
                f"{self.weights_sha256[:16]}.safetensors")
        return cache_dir() / "features" / name

    def source_features(self, source_spec: str, count: int | None, seed: int,
                        data: DataConfig | None = None) -> tuple[dict, ImageSource | None]:
        """Features of a source; a dataset's come from (and go to) the cache. `data`: the run's
        data config, for a dataset spec that names its dataset."""
        dataset = parse_dataset_spec(source_spec, data) if not Path(source_spec).exists() else None
        cached = self.reference_path(dataset, count, seed) if dataset is not None else None
        reference = load_tensors_or_none(cached) if cached is not None else None
        if reference is not None:
            return reference, None
        source = load_source(source_spec, count, seed, data)
        features = self.features(source.images)
        if cached is not None:
            save_tensors_atomically(cached, features, "the reference features")
        return features, source


def evaluate(fake_spec: str, real_spec: str | None, metric_names: list[str], extractor_name: str = "fmnist",
             count: int = DEFAULT_COUNT, real_count: int | None = DEFAULT_COUNT, seed: int = 0,
             data: DataConfig | None = None, options: dict | None = None,
             fake_images: torch.Tensor | None = None) -> EvalResult:
    """The metrics of the images of `fake_spec` (or `fake_images`, already drawn from it: a run's
    samples from a model the caller has loaded) against `real_spec`."""
    started = time.perf_counter()
    computer = FeatureComputer(extractor_name, options or {})
    if fake_images is not None:
        fake, fake_source = computer.features(fake_images), None
    else:
        fake, fake_source = computer.source_features(fake_spec, count, seed, data)
    needs_real = bool(layers_for(metric_names, computer.extractor, real=True))
    real, real_source = (computer.source_features(real_spec, real_count, seed, data)
                         if needs_real and real_spec else (None, None))
    values, notes = compute_metrics(metric_names, computer.extractor, fake, real, seed)
    for source in (fake_source, real_source):
        if source is not None:
            notes = source.notes + notes
    record = {
        "genforge_version": __version__,
        "metrics": values,
        "fake": {"source": fake_spec, "count": next(iter(fake.values())).shape[0]},
        "real": ({"source": real_spec, "count": next(iter(real.values())).shape[0]} if real else None),
        "extractor": {"name": computer.extractor.name, "weights_sha256": computer.weights_sha256},
        "seed": seed,
        "notes": notes,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return EvalResult(values, notes, record)
