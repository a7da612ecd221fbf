"""The music modality: samples as MIDI, WAV and piano-roll pictures (modality.py, rendering.py,
pictures.py), and its callbacks in the loop (training.py: transposition, previews, the data record)."""

from . import modality  # noqa: F401  (registers the music modality)
