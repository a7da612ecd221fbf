"""muspy's objective metrics (Dong et al. 2020) of MIDI files, read with `muspy.read_midi` (music21's
converter in muspy fails with music21 10.5), and MuseGAN's qualified-note rate (Dong et al. 2018: the
share of notes at least three time steps long, at 24 steps per beat: a 32nd note)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

MEASURE_RESOLUTION = 4 * 24  # muspy's default resolution is 24 per beat; a 4/4 bar is 96


def muspy_figures(path: Path) -> dict[str, float]:
    import muspy

    music = muspy.read_midi(str(path))
    music.adjust_resolution(24)
    return {"pitch-class entropy": muspy.pitch_class_entropy(music), "scale consistency": muspy.scale_consistency(music),
            "empty-beat rate": muspy.empty_beat_rate(music), "polyphony": muspy.polyphony(music),
            "groove consistency": muspy.groove_consistency(music, MEASURE_RESOLUTION),
            "pitch range": float(muspy.pitch_range(music)), "qualified-note rate": qualified_note_rate(music)}


def qualified_note_rate(music) -> float:
    durations = [note.duration for track in music.tracks for note in track.notes]
    return float(np.mean([d >= 3 for d in durations])) if durations else float("nan")


def mean_figures(paths: list[Path]) -> dict[str, float]:
    """Each figure's mean over the files (NaN where a file has no notes is left out of its mean)."""
    table = [muspy_figures(path) for path in paths]
    return {name: float(np.nanmean([row[name] for row in table])) for name in table[0]}
