"""What a measurement file is: likelihood.json and eval.json carry `modality` and `kind`, and their
readers dispatch on them here. A likelihood kind says how its figures are shown (a report section,
the line `genforge nll` prints, the figure a leaderboard ranks by); each modality's package registers
its kinds (reports/<modality>/handler.py). Run folders written before records named their kind are
read by the fields they hold (`legacy_likelihood_kind`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.errors import RunError
from ..core.registry import Registry
from .handlers import import_modality_packages


@dataclass(frozen=True)
class LikelihoodKind:
    name: str
    section: Callable[[dict, object], str]  # (record, run summary) -> HTML
    summary_line: Callable[[dict], str]  # what `genforge nll` prints


LIKELIHOOD_KINDS: Registry[LikelihoodKind] = Registry("likelihood kind", populate=import_modality_packages)


def register_likelihood_kind(kind: LikelihoodKind) -> LikelihoodKind:
    return LIKELIHOOD_KINDS.register(kind.name)(kind)


def legacy_likelihood_kind(record: dict) -> str:
    """The kind of a likelihood.json written before records named it, by the fields it holds."""
    if "nll_nats_per_sentence" in record:
        return "sentence-bound"
    if "bits_per_character" in record:
        return "token-nll"
    return "image-nll"


def likelihood_kind(record: dict) -> LikelihoodKind:
    """How to read a likelihood record; an unknown kind is one line naming it."""
    name = record.get("kind") or legacy_likelihood_kind(record)
    if name not in LIKELIHOOD_KINDS:
        raise RunError(f"likelihood.json is of kind {name!r}, which this genforge does not know "
                       f"(it knows {', '.join(LIKELIHOOD_KINDS.names())})")
    return LIKELIHOOD_KINDS.get(name)
