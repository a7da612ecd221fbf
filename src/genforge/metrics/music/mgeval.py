"""MGEval's distribution metrics of sets of music (Yang and Lerch 2018, "On the evaluation of
generative models in music", Sec. 3-4), on pretty_midi and scipy (MGEval itself is Python 2 and not on
PyPI).

Each piece gives eight features: the number of used pitches, the pitch-class histogram (12, normalised),
the pitch-class transition matrix (12 x 12, normalised), the pitch range, the average pitch interval
(the mean absolute step between consecutive notes, in semitones), the average inter-onset interval
(seconds between consecutive distinct onsets), and the note-length histogram and transition matrix
(12 classes as MGEval's `note_length_hist`: whole, half, quarter, 8th and 16th notes, their dotted
forms but the whole's, and half, quarter and 8th triplets; each note the class nearest its duration
at the piece's tempo).

Two sets are compared per feature as Sec. 4 does: the Euclidean distances between the pieces within the
reference set (intra-set) and between the reference and the other set (inter-set), each smoothed by a
Gaussian kernel density estimate (scipy's, Scott's rule); the overlapped area of the two densities
(1: the other set sits among the references as the references sit among themselves) and the KL
divergence from the intra-set density to the inter-set one, both on a grid of 1,000 points over the
range of both.
"""

from __future__ import annotations

import numpy as np

PITCH_FEATURES = ("used pitches", "pitch-class histogram", "pitch-class transitions", "pitch range",
                  "average pitch interval")
RHYTHM_FEATURES = ("average inter-onset interval", "note-length histogram", "note-length transitions")
FEATURES = PITCH_FEATURES + RHYTHM_FEATURES
GRID_POINTS = 1000
MAX_DISTANCES = 4000  # distances a density is estimated from: a seeded choice where there are more


def note_length_classes(bar_seconds: float) -> np.ndarray:
    """MGEval's 12 note lengths in seconds, for a 4/4 bar of `bar_seconds`."""
    whole, half, quarter, eighth, sixteenth = (bar_seconds / d for d in (1, 2, 4, 8, 16))
    return np.array([whole, half, quarter, eighth, sixteenth, 1.5 * half, 1.5 * quarter, 1.5 * eighth,
                     1.5 * sixteenth, half * 2 / 3, quarter * 2 / 3, eighth * 2 / 3])


def sorted_notes(midi) -> list:
    return sorted((note for inst in midi.instruments if not inst.is_drum for note in inst.notes),
                  key=lambda note: (note.start, note.pitch))


def features(midi) -> dict[str, np.ndarray]:
    """The eight MGEval features of one pretty_midi piece."""
    notes = sorted_notes(midi)
    pitches = np.array([note.pitch for note in notes], dtype=int)
    classes = pitches % 12
    histogram = np.bincount(classes, minlength=12).astype(float)
    transitions = np.zeros((12, 12))
    for a, b in zip(classes[:-1], classes[1:]):
        transitions[a, b] += 1
    onsets = np.unique(np.round([note.start for note in notes], 6))
    tempo = midi.get_tempo_changes()[1]
    bar_seconds = 4 * 60.0 / (float(tempo[0]) if len(tempo) else 120.0)
    lengths = note_length_classes(bar_seconds)
    length_class = np.array([int(np.argmin(np.abs(lengths - (note.end - note.start)))) for note in notes], dtype=int)
    length_histogram = np.bincount(length_class, minlength=12).astype(float)
    length_transitions = np.zeros((12, 12))
    for a, b in zip(length_class[:-1], length_class[1:]):
        length_transitions[a, b] += 1
    normalised = lambda x: x / x.sum() if x.sum() > 0 else x  # noqa: E731
    return {
        "used pitches": np.array([len(np.unique(pitches))], float),
        "pitch-class histogram": normalised(histogram),
        "pitch-class transitions": normalised(transitions).ravel(),
        "pitch range": np.array([pitches.max() - pitches.min() if len(pitches) else 0], float),
        "average pitch interval": np.array([np.abs(np.diff(pitches)).mean() if len(pitches) > 1 else 0.0]),
        "average inter-onset interval": np.array([np.diff(onsets).mean() if len(onsets) > 1 else 0.0]),
        "note-length histogram": normalised(length_histogram),
        "note-length transitions": normalised(length_transitions).ravel(),
    }


def distances(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Euclidean distances within a set (each unordered pair once) or between two sets (every pair),
    at most MAX_DISTANCES of them (a seeded choice: the KDE's cost grows with their number)."""
    if b is None:
        rows, cols = np.triu_indices(len(a), k=1)
        found = np.linalg.norm(a[rows] - a[cols], axis=1)
    else:
        found = np.linalg.norm(a[:, None, :] - b[None, :, :], axis=2).ravel()
    if len(found) > MAX_DISTANCES:
        found = found[np.random.RandomState(0).choice(len(found), MAX_DISTANCES, replace=False)]
    return found


def densities(intra: np.ndarray, inter: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from scipy.stats import gaussian_kde

    low, high = min(intra.min(), inter.min()), max(intra.max(), inter.max())
    if high - low < 1e-12:  # every distance equal: one point mass for both
        return np.array([low]), np.array([1.0]), np.array([1.0])
    grid = np.linspace(low, high, GRID_POINTS)
    jitter = 1e-9 * (high - low)  # a KDE of identical values is singular
    pdfs = []
    for values in (intra, inter):
        if np.ptp(values) < jitter:
            values = values + np.linspace(-jitter, jitter, len(values))
        pdfs.append(gaussian_kde(values)(grid))
    return grid, pdfs[0], pdfs[1]


def overlapped_area(intra: np.ndarray, inter: np.ndarray) -> float:
    grid, p, q = densities(intra, inter)
    if len(grid) == 1:
        return 1.0
    return float(np.trapezoid(np.minimum(p, q), grid))


def kl_divergence(intra: np.ndarray, inter: np.ndarray) -> float:
    from scipy.stats import entropy

    grid, p, q = densities(intra, inter)
    if len(grid) == 1:
        return 0.0
    return float(entropy(p + 1e-12, q + 1e-12))


def compare_sets(reference: list[dict], other: list[dict]) -> dict[str, dict[str, float]]:
    """Per feature: the overlapped area and KL of the reference's intra-set distances and the
    reference-to-other inter-set distances, and each set's mean feature where it is one number."""
    if len(reference) < 3 or len(other) < 2:
        from ...core.errors import EvalError

        raise EvalError(f"MGEval compares sets of pieces with notes: got {len(reference)} reference and "
                        f"{len(other)} other (at least 3 and 2); give more (--n)")
    figures = {}
    for name in FEATURES:
        a = np.stack([piece[name] for piece in reference])
        b = np.stack([piece[name] for piece in other])
        intra, inter = distances(a), distances(a, b)
        entry = {"overlapped area": overlapped_area(intra, inter), "KL": kl_divergence(intra, inter)}
        if a.shape[1] == 1:
            entry.update({"mean (reference)": float(a.mean()), "mean (other)": float(b.mean())})
        figures[name] = entry
    return figures
