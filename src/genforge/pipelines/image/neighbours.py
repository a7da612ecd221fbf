"""Nearest training images of generated samples: the report's memorisation check.

A model that copies its training set shows samples whose nearest neighbour is the same picture.
Distances are measured in the feature space of the shipped network its data source declares (the
Fashion-MNIST CNN for Fashion-MNIST: over all 60,000 training images, features cached), and otherwise in
pixel space on 32x32 thumbnails of a seeded subset of at most 20,000 training images; the
report says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from ...training.run_config import RunConfig
from ...data import DATASETS, load_dataset
from ...models import GenerativeModel

PIXEL_SUBSET = 20_000


@dataclass
class Neighbours:
    queries: torch.Tensor  # uint8 (n, C, H, W) generated
    images: torch.Tensor  # uint8 (n, k, C, H, W) nearest training images
    distances: torch.Tensor  # (n, k)
    space: str  # how distance was measured, for the report


def _thumbnails(images: torch.Tensor) -> torch.Tensor:
    return F.interpolate(images.float() / 255, size=(32, 32), mode="area").flatten(1)


def nearest_training_images(model: GenerativeModel, config: RunConfig, n: int = 8, k: int = 3,
                            seed: int = 0) -> Neighbours:
    queries = model.sample(n, seed=seed).values
    training = load_dataset(config.data)  # the images it trained on
    network = DATASETS.get(config.data.name).feature_network
    if network:
        from ...metrics.image.evaluate import FeatureComputer

        computer = FeatureComputer(network, {})
        layer = computer.extractor.features_layer
        reference, _ = computer.source_features(f"{config.data.name}:{config.data.split}", None, 0, config.data)
        candidates = reference[layer]
        space = f"features of the {computer.extractor.name} network, all {len(training)} training images"
        query_vectors = computer.features(queries)[layer]
        indices = torch.arange(len(training))
    else:
        chooser = torch.Generator().manual_seed(seed)
        indices = torch.randperm(len(training), generator=chooser)[:PIXEL_SUBSET].sort().values
        candidates = torch.cat([_thumbnails(training.images_at(chunk)) for chunk in indices.split(1000)])
        query_vectors = _thumbnails(queries)
        space = f"pixels of 32x32 thumbnails, {len(indices)} of {len(training)} training images"
    distances = torch.cdist(query_vectors.double(), candidates.double())
    nearest = distances.topk(k, largest=False)
    found = training.images_at(indices[nearest.indices.flatten()]).view(n, k, *queries.shape[1:])
    return Neighbours(queries, found, nearest.values.float(), space)
