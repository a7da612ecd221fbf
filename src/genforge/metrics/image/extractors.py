"""genforge's feature networks, by name, each bridged to torch-fidelity as a registered extractor.

An Extractor says which torch-fidelity extractor to build, with which options, which of its
layers feed IS (class logits) and FID/KID/precision-recall (features), and the hash of its
weights, so cached reference features are never reused across different weights.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from ...core.registry import Registry

# Images generated, and reference images drawn, for one evaluation unless told otherwise: torch-fidelity's
# and most papers' FID uses 10,000 or 50,000; 10,000 keeps an evaluation within minutes on a CPU.
DEFAULT_COUNT = 10_000


@dataclass(frozen=True)
class Extractor:
    name: str  # what outputs call it: FID[<name>]
    fidelity_name: str  # its name in torch-fidelity's registry
    logits_layer: str
    features_layer: str
    weights_sha256: Callable[[dict], str]  # options -> hash of the weights in use
    fidelity_options: Callable[[dict], dict] = field(default=lambda options: {})  # extra calculate_metrics kwargs
    input_channels: int = 3  # what its forward takes; grayscale is replicated to 3 where needed


def import_extractors() -> None:
    """The modules that register genforge's feature networks (and bridge them to torch-fidelity)."""
    for module in (".fmnist_extractor", ".inception_extractor"):
        importlib.import_module(module, __package__)


# Their names are also train.eval_extractor's CHOICES (training/train_config.py): tests keep the two equal.
EXTRACTORS: Registry[Extractor] = Registry("feature extractor", populate=import_extractors)
