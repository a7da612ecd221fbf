"""MuseGAN's tonal distance against hand-computed cases: a track against itself or its octave is 0;
C against G is the distance of their points in the tonal centroid space; segments where a track is
silent are left out."""

import math

import numpy as np

from genforge.metrics.music.tonal import chroma, tonal_distance, track_pair_distances


def roll(*keys_per_step) -> np.ndarray:
    out = np.zeros((len(keys_per_step), 88), dtype=np.uint8)
    for step, pitches in enumerate(keys_per_step):
        for pitch in pitches:
            out[step, pitch - 21] = 1
    return out


def test_the_chroma_of_middle_c_and_a0_are_their_pitch_classes():
    assert chroma(roll([60], [21])).argmax(1).tolist() == [0, 9]


def test_a_track_against_itself_or_its_octave_is_0_and_c_against_g_is_computed_by_hand():
    triad = roll([60, 64, 67], [60, 64, 67])
    assert tonal_distance(triad, triad, 2) == 0
    assert math.isclose(tonal_distance(roll([60]), roll([72]), 1), 0, abs_tol=1e-12)
    # C (0): (0, 1, 0, 1, 0, 0.5); G (7): (sin 49π/6, cos 49π/6, sin 21π/2, cos 21π/2, ...) =
    # (1/2, √3/2, 1, 0, √3/4, -1/4)
    c, g = np.array([0, 1, 0, 1, 0, 0.5]), np.array([0.5, math.sqrt(3) / 2, 1, 0, math.sqrt(3) / 4, -0.25])
    assert math.isclose(tonal_distance(roll([60]), roll([55]), 1), float(np.linalg.norm(c - g)), rel_tol=1e-9)


def test_silent_segments_are_left_out_and_a_pair_that_never_sounds_together_is_nan():
    soprano, bass = roll([60], [], [67]), roll([60], [48], [])
    assert tonal_distance(soprano, bass, 1) == 0  # only the first step has both
    assert math.isnan(tonal_distance(roll([60], []), roll([], [48]), 1))
    pieces = [np.stack([soprano, bass])]
    assert track_pair_distances(pieces, ("soprano", "bass"), 1) == {"tonal distance (soprano-bass)": 0.0}
