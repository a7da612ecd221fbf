"""Distribution figures of generated music against the held-out set, each beside the same figure for
a second held-out set, so that every number has its reference: MGEval's overlapped areas and KL per
feature (mgeval.py) and muspy's metrics of the written MIDI files (muspy_metrics.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ...data.music.midi_files import to_pretty_midi
from .mgeval import compare_sets, features
from .muspy_metrics import mean_figures


def piece_features(pieces: list[list], steps_per_quarter: int) -> list[dict]:
    return [features(to_pretty_midi(notes, steps_per_quarter)) for notes in pieces if notes]


def written_figures(pieces: list[list], steps_per_quarter: int) -> dict[str, float]:
    """muspy's figures, averaged over the pieces, each written as a MIDI file and read back by muspy."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, notes in enumerate(pieces):
            if notes:
                path = Path(folder) / f"{index:05d}.mid"
                to_pretty_midi(notes, steps_per_quarter).write(str(path))
                paths.append(path)
        return mean_figures(paths)


def distribution_figures(reference: list[list], second: list[list], generated: list[list],
                         steps_per_quarter: int) -> dict:
    """{"mgeval": {feature: {"generated": {...}, "held-out": {...}}}, "muspy": {"generated", "held-out",
    "reference"}}: MGEval against `reference` (held-out pieces) for the generated pieces and for a second,
    disjoint set of held-out pieces; muspy's means of each set."""
    ref, held, made = (piece_features(p, steps_per_quarter) for p in (reference, second, generated))
    for_generated, for_held_out = compare_sets(ref, made), compare_sets(ref, held)
    mgeval = {name: {"generated": for_generated[name], "held-out": for_held_out[name]} for name in for_generated}
    muspy = {"generated": written_figures(generated, steps_per_quarter),
             "held-out": written_figures(second, steps_per_quarter)}
    return {"mgeval": mgeval, "muspy": muspy, "pieces": {"reference": len(ref), "held-out": len(held),
                                                         "generated": len(made)}}
