"""MuseGAN's tonal distance between two tracks (Dong et al. 2018, Sec. 5; the measure of Harte et al.
2006): each track's chroma summed over a segment (a beat), divided by its sum, mapped into the 6-D
tonal centroid space (the circles of fifths, minor thirds and major thirds, radii 1, 1 and 0.5), and
the Euclidean distance of the two centroids, averaged over the segments where both tracks sound.
Lower is more harmonious: the two tracks agree on the pitch classes they stress."""

from __future__ import annotations

import itertools

import numpy as np

LOWEST_KEY = 21  # MIDI pitch of a roll's key 0 (A0)


def tonal_matrix(r1: float = 1.0, r2: float = 1.0, r3: float = 0.5) -> np.ndarray:
    """(6, 12): pitch class p at the angles p 7π/6 (fifths), p 3π/2 (minor thirds), p 2π/3 (major thirds)."""
    classes = np.arange(12)
    rows = []
    for radius, angle in ((r1, 7 / 6), (r2, 3 / 2), (r3, 2 / 3)):
        rows += [radius * np.sin(classes * angle * np.pi), radius * np.cos(classes * angle * np.pi)]
    return np.stack(rows)


TONAL = tonal_matrix()


def chroma(roll: np.ndarray) -> np.ndarray:
    """(steps, 88) roll -> (steps, 12) counts of the sounding keys per pitch class (C = 0)."""
    classes = (np.arange(roll.shape[1]) + LOWEST_KEY) % 12
    out = np.zeros((roll.shape[0], 12))
    np.add.at(out.T, classes, roll.T.astype(float))
    return out


def tonal_distance(track_a: np.ndarray, track_b: np.ndarray, segment: int) -> float:
    """The mean tonal distance of two (steps, 88) rolls over segments of `segment` steps; NaN when the
    two never sound in the same segment."""
    distances = []
    a, b = chroma(track_a), chroma(track_b)
    for start in range(0, len(a) - segment + 1, segment):
        first, second = a[start:start + segment].sum(0), b[start:start + segment].sum(0)
        if first.sum() == 0 or second.sum() == 0:
            continue
        distances.append(np.linalg.norm(TONAL @ (first / first.sum()) - TONAL @ (second / second.sum())))
    return float(np.mean(distances)) if distances else float("nan")


def track_pair_distances(pieces: list[np.ndarray], names: tuple[str, ...], segment: int) -> dict[str, float]:
    """Each pair of tracks' tonal distance, averaged over the pieces ((tracks, steps, 88) rolls each)."""
    figures = {}
    for i, j in itertools.combinations(range(len(names)), 2):
        values = [tonal_distance(piece[i], piece[j], segment) for piece in pieces]
        values = [value for value in values if not np.isnan(value)]
        figures[f"tonal distance ({names[i]}-{names[j]})"] = float(np.mean(values)) if values else float("nan")
    return figures
