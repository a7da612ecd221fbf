"""MGEval's features and set comparison, and muspy's figures, against hand-computed cases."""

import numpy as np
import pytest

from genforge.data.music.midi_files import to_pretty_midi
from genforge.data.music.notes import Note
from genforge.metrics.music.mgeval import compare_sets, features, overlapped_area
from genforge.metrics.music.muspy_metrics import muspy_figures

C_MAJOR = [Note(p, 4 * i, 4 * i + 4) for i, p in enumerate([60, 62, 64, 65, 67, 69, 71, 72])]  # quarter notes


def test_the_features_of_a_c_major_scale_in_quarter_notes():
    f = features(to_pretty_midi(C_MAJOR, steps_per_quarter=4))
    assert f["used pitches"].tolist() == [8] and f["pitch range"].tolist() == [12]
    assert f["pitch-class histogram"].tolist() == [2 / 8, 0, 1 / 8, 0, 1 / 8, 1 / 8, 0, 1 / 8, 0, 1 / 8, 0, 1 / 8]
    assert f["average pitch interval"][0] == pytest.approx(12 / 7)  # 2+2+1+2+2+2+1 over 7 steps
    assert f["average inter-onset interval"][0] == pytest.approx(0.5)  # a quarter note at 120 bpm
    assert f["note-length histogram"].tolist() == [0, 0, 1] + [0] * 9  # every note a quarter
    transitions = f["pitch-class transitions"].reshape(12, 12)
    assert transitions[0, 2] == transitions[11, 0] == pytest.approx(1 / 7) and transitions.sum() == pytest.approx(1)


def test_overlapped_areas_of_equal_and_of_distant_distributions():
    rng = np.random.RandomState(0)
    same = rng.normal(size=500)
    assert overlapped_area(same, same) == pytest.approx(1, abs=0.01)  # the densities are cut at the range (MGEval too)
    assert overlapped_area(same, same + 50) < 0.01
    pieces = [features(to_pretty_midi([n._replace(pitch=n.pitch + shift) for n in C_MAJOR[: 3 + shift % 5]], 4))
              for shift in range(12)]
    figures = compare_sets(pieces, pieces)
    assert all(entry["overlapped area"] > 0.6 for entry in figures.values())
    assert figures["used pitches"]["mean (reference)"] == figures["used pitches"]["mean (other)"]


def test_muspy_figures_of_the_written_scale(tmp_path):
    path = tmp_path / "scale.mid"
    to_pretty_midi(C_MAJOR, 4).write(str(path))
    figures = muspy_figures(path)
    assert figures["pitch-class entropy"] == pytest.approx(2.75)  # -(1/4 log2 1/4 + 6 * 1/8 log2 1/8) bits
    assert figures["scale consistency"] == 1.0 and figures["empty-beat rate"] == 0.0
    assert figures["polyphony"] == 1.0 and figures["pitch range"] == 12 and figures["qualified-note rate"] == 1.0
