"""genforge's feature networks, by name, each bridged to torch-fidelity as a registered extractor.

An Extractor says which torch-fidelity extractor to build, with which options, which of its
layers feed IS (class logits) and FID/KID/precision-recall (features), and the hash of its
weights, so cached reference features are never reused across different weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..registry import Registry


@dataclass(frozen=True)
class Extractor:
    name: str  # what outputs call it: FID[<name>]
    fidelity_name: str  # its name in torch-fidelity's registry
    logits_layer: str
    features_layer: str
    weights_sha256: Callable[[dict], str]  # options -> hash of the weights in use
    fidelity_options: Callable[[dict], dict] = field(default=lambda options: {})  # extra calculate_metrics kwargs
    input_channels: int = 3  # what its forward takes; grayscale is replicated to 3 where needed


EXTRACTORS: Registry[Extractor] = Registry("feature extractor")
