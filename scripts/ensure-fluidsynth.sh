#!/usr/bin/env bash
# Music samples are rendered to WAV with FluidSynth (Debian's libfluidsynth3, loaded by pyfluidsynth)
# and the General MIDI sound font that the pretty_midi wheel ships. Without it genforge falls back
# to sine tones and says so; this installs it where it can.
set -uo pipefail
if ldconfig -p 2>/dev/null | grep -q libfluidsynth.so.3; then
  echo "fluidsynth: libfluidsynth3 found"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "fluidsynth: installing Debian's libfluidsynth3"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q libfluidsynth3 >/dev/null 2>&1 || {
    apt-get update -q >/dev/null && apt-get install -y -q libfluidsynth3 >/dev/null; }
  ldconfig -p 2>/dev/null | grep -q libfluidsynth.so.3 && { echo "fluidsynth: installed"; exit 0; }
fi
echo "fluidsynth: libfluidsynth3 is missing (sudo apt-get install libfluidsynth3); music WAVs will be sine tones" >&2
exit 0
