"""Notes as sound: FluidSynth with the General MIDI sound font that the pretty_midi wheel ships
(TimGM6mb.sf2), through pyfluidsynth and Debian's libfluidsynth3; where those are missing, pretty_midi's
sine synthesis, said once. WAV files are 16-bit mono at 22,050 Hz (the stdlib's `wave`)."""

from __future__ import annotations

import io
import sys
import wave
from functools import lru_cache

import numpy as np

from ...data.music.midi_files import to_pretty_midi
from ...data.music.notes import Note

SAMPLE_RATE = 22_050
RELEASE_SECONDS = 1.0  # the tail after the last note-off that FluidSynth renders


@lru_cache(maxsize=1)
def fluidsynth_missing() -> str | None:
    """Why FluidSynth cannot render here (None: it can)."""
    try:
        import fluidsynth  # noqa: F401  (pyfluidsynth, which loads libfluidsynth)
    except (ImportError, OSError) as error:
        return f"{type(error).__name__}: {error}"
    return None


_said = set()


def say_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        print(message, file=sys.stderr)


def synthesizer() -> str:
    return "sine" if fluidsynth_missing() else "fluidsynth"


def render(notes: list[Note], steps_per_quarter: int, program: int = 0) -> np.ndarray:
    """The notes as float32 audio in [-1, 1] at SAMPLE_RATE."""
    midi = to_pretty_midi(notes, steps_per_quarter, program)
    missing = fluidsynth_missing()
    if missing is None:
        audio = midi.fluidsynth(fs=SAMPLE_RATE)
    else:
        say_once(f"genforge: warning: FluidSynth is not available ({missing}); WAV files are sine tones "
                 "(install Debian's libfluidsynth3 and pyfluidsynth for a piano)")
        audio = midi.synthesize(fs=SAMPLE_RATE)
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    return (audio / peak * 0.9 if peak > 0 else audio).astype(np.float32)


def wav_bytes(audio: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(SAMPLE_RATE)
        file.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def wav_size(seconds: float) -> int:
    """An upper bound of a WAV's bytes for `seconds` of music (the header and the release included)."""
    return 64 + int((seconds + RELEASE_SECONDS + 1) * SAMPLE_RATE) * 2
