"""`inception`: Inception-v3 as FID uses it (the 2015-12-05 TensorFlow graph), from a local file.

genforge never downloads it. The user passes the weights file that torch-fidelity
(weights-inception-2015-12-05-6726825d.pth) or pytorch-fid (pt_inception-2015-12-05-6726825d.pth)
distributes, with --inception-weights PATH or $GENFORGE_INCEPTION_WEIGHTS. That file is a pickle,
so it is read with torch.load(weights_only=True), which refuses anything but tensors; its tensors
are then written to a cache file of our own making, the only file torch-fidelity's extractor loads.
Grayscale images are replicated to three channels; torch-fidelity resizes to 299x299 with
TensorFlow-1 bilinear interpolation, as the original FID code does.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import torch

from ...core.errors import EvalError
from ...core.cache import cache_dir
from .extractors import EXTRACTORS, Extractor

ENVIRONMENT_VARIABLE = "GENFORGE_INCEPTION_WEIGHTS"
REQUIRED_KEYS = ("Conv2d_1a_3x3.conv.weight", "Mixed_7c.branch_pool.conv.weight", "fc.weight")
MISSING_WEIGHTS = (
    "Inception-v3 needs its weights file, which genforge never downloads: get "
    "weights-inception-2015-12-05-6726825d.pth (torch-fidelity's GitHub release v0.2.0) or "
    "pt_inception-2015-12-05-6726825d.pth (pytorch-fid's GitHub release) on a machine with internet, then "
    f"pass --inception-weights PATH or set {ENVIRONMENT_VARIABLE}; or use --extractor fmnist"
)


def weights_source(options: dict) -> Path:
    path = options.get("inception_weights") or os.environ.get(ENVIRONMENT_VARIABLE)
    if not path:
        raise EvalError(MISSING_WEIGHTS)
    path = Path(path)
    if not path.is_file():
        raise EvalError(f"Inception weights {path} not found. {MISSING_WEIGHTS}")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def safe_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """Read a user's weights file without running code: tensors only, with the keys FID's Inception has."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # pickle and zip errors come in many types
        raise EvalError(f"{path} is not a loadable tensor file: {str(error).splitlines()[0]}") from None
    if not isinstance(state, dict) or any(key not in state for key in REQUIRED_KEYS):
        raise EvalError(f"{path} is not an Inception-v3 FID state dict (it lacks {', '.join(REQUIRED_KEYS)})")
    # pytorch-fid's file may carry BatchNorm counters torch-fidelity's module does not have.
    return {key: value.float() for key, value in state.items() if not key.endswith("num_batches_tracked")}


def prepared_weights(options: dict) -> Path:
    """The user's file, checked and rewritten by us once (cached by its hash); returns that path."""
    source = weights_source(options)
    digest = file_sha256(source)
    prepared = cache_dir() / "inception" / f"inception-{digest[:16]}.pt"
    if not prepared.is_file():
        prepared.parent.mkdir(parents=True, exist_ok=True)
        temporary = prepared.with_suffix(f".tmp{os.getpid()}")
        torch.save(safe_state_dict(source), temporary)
        os.replace(temporary, prepared)
    return prepared


EXTRACTORS.register("inception")(Extractor(
    name="inception-v3",
    fidelity_name="inception-v3-compat",
    logits_layer="logits_unbiased",
    features_layer="2048",
    weights_sha256=lambda options: file_sha256(weights_source(options)),
    fidelity_options=lambda options: {"feature_extractor_weights_path": str(prepared_weights(options))},
))
