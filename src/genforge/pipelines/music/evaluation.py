"""`genforge eval` of a music run: its NLL on the held-out split, per frame (piano rolls) or per
event (melodies), written to eval.json with what it was computed on."""

from __future__ import annotations

import time

from ...data import held_out_split, load_split
from ...metrics.music.likelihood import held_out_nll
from ...metrics.results import EvalResult
from ..loading import load


def evaluate_music_run(folder, config, asked) -> EvalResult:
    started = time.perf_counter()
    model = asked.model if asked.model is not None else load(folder.root, checkpoint=asked.chosen)
    split = asked.reference or held_out_split(config.data)
    held_out = load_split(config.data, split)
    figures = held_out_nll(model, held_out)
    unit = held_out.spec.loss_unit
    values = {f"NLL ({unit})": figures["nll"]}
    counted = ("frames 1..T-1 of each piece given the frames before, NLL summed over the 88 keys"
               if held_out.spec.representation == "pianoroll" else "every event of every window")
    record = {"kind": "music-nll", "metrics": values, "seconds": time.perf_counter() - started,
              "fake": {"count": 0, "source": "the model's own likelihood (no samples drawn)"},
              "real": {"count": figures["items"], "source": f"{config.data.name}:{split}"},
              "likelihood": {"split": split, "unit": unit, "units": figures["units"], "counted": counted,
                             "representation": held_out.spec.representation}}
    return EvalResult(values, [], record)
