"""Polyphonic music at equal CPU time, one row after the other on this machine: benchmarks/music_table.py.

JSB chorales at quarter-note frames (Boulanger-Lewandowski et al. 2012's split, shipped), every row
trained for --minutes of wall time (default 10) with seed 0, validated on the 76 valid chorales
(genforge: every 200 steps; the reference: every epoch) and scored at its best validation point the
same way: the NLL of
the 77 test chorales in nats per frame, the Bernoulli (or NADE) NLL summed over the 88 keys for
frames 1..T-1 of each chorale given the frames before, divided by those frames (Bai et al. 2018's
`evaluate`).

- `polyphonic` (RNN-NADE): genforge's LSTM with a NADE over the keys of each frame;
- `polyphonic-bernoulli`: the same LSTM with a sigmoid per key (the model of Bai et al.'s LSTM row);
- `reference`: the textbook loop, written here independently: an `nn.LSTM` and a linear layer with a
  sigmoid per key, `nn.BCELoss`, Adam at 1e-3, one chorale per step (as Bai et al.'s code), no
  clipping; the same size as genforge's LSTM.

Published per-frame test NLL on JSB (quarter notes), for comparison:
Bai et al. 2018 Table 1 (LSTM 8.45, GRU 8.43, TCN 8.10); Chung et al. 2014 (GRU 8.54);
Boulanger-Lewandowski et al. 2012 Table 1 (log-likelihood, negated here): RNN-RBM 6.27, RNN-NADE 5.56,
RNN-NADE with HF pre-training 5.19 (as quoted by Bai et al. and later work; check against the paper's table).

    .venv/bin/python benchmarks/music_table.py [--minutes 10] [--rows polyphonic polyphonic-bernoulli reference]

`--table melodies`: 2-bar melodies (MusicVAE's 90 events per 16th note) of `--dataset` (bach-chorales:
the soprano lines; essen-folk), transposed by up to 5 semitones each way as MusicVAE trains, one row
per family (music-vae with Magenta's cat-mel_2bar_small settings, music-vae-cpu sized for CPU minutes
(ROW_MODELS), melody-lm, pianoroll-gan), each
scored by `genforge eval RUN --n 200` at its best validation checkpoint (melody-lm) or its last
(music-vae, whose validation bound holds the whole KL and is best early on; the GAN, which has no
likelihood): the NLL per event (MusicVAE: its bound), MusicVAE's reconstruction
accuracies, and MGEval's overlapped areas of 200 samples against 200 test windows, beside the same
areas for 200 other test windows.

    .venv/bin/python benchmarks/music_table.py --table melodies [--dataset bach-chorales] [--minutes 10]

`--table voices`: `pianoroll-gan` on the four voices of bach-chorales (16th notes, 2-bar windows,
transposed by up to 5 semitones), scored by `genforge eval RUN --n 200` at its last checkpoint:
MuseGAN's tonal distance of each pair of voices for the samples and for the held-out chorales (their
first 2 bars), and MGEval's overlapped areas.

    .venv/bin/python benchmarks/music_table.py --table voices [--minutes 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from torch import nn
from machine import cpu_name  # benchmarks/machine.py

ROOT = Path(__file__).resolve().parents[1]
GENFORGE_ROWS = {
    "polyphonic": "model:\n  name: polyphonic\n  output: nade\n",
    "polyphonic-bernoulli": "model:\n  name: polyphonic\n  output: bernoulli\n",
}
HIDDEN = 256
CHECKPOINT_EVERY = 200  # steps between validations; the row is scored at its best validation checkpoint




def genforge_row(name: str, minutes: float, batch_size: int, work: Path) -> dict:
    config = work / f"{name}.yaml"
    config.write_text(GENFORGE_ROWS[name] + "data:\n  name: jsb-chorales\n")
    run = work / name
    command = [sys.executable, "-m", "genforge", "train", "--config", str(config), "--minutes", str(minutes),
               "--batch-size", str(batch_size), "--seed", "0", "--checkpoint-every", str(CHECKPOINT_EVERY),
               "--log-every", "50", "--out", str(run)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    best = ["--checkpoint", "best"] if (run / "checkpoints" / "best").exists() else []  # none in a very short run
    subprocess.run([sys.executable, "-m", "genforge", "nll", str(run), *best], check=True, stdout=subprocess.DEVNULL)
    record = json.loads((run / "likelihood.json").read_text())
    status = json.loads((run / "status.json").read_text())
    return {"row": name, "nll": record["nll"], "steps": status.get("step"), "best_step": record["step"],
            "frames": record["units"]}


class TextbookLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(88, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, 88)

    def forward(self, x):
        return torch.sigmoid(self.out(self.lstm(x)[0]))


def reference_row(minutes: float) -> dict:
    """Bai et al.'s loop: x = chorale[:-1], y = chorale[1:], BCE summed over keys per frame."""
    sys.path.insert(0, str(ROOT / "src"))
    from genforge.data.music.jsb import jsb_chorales
    from genforge.data.music.pianoroll import frames_to_roll

    data = jsb_chorales("quarter")
    train, valid, test = ([torch.from_numpy(frames_to_roll(c)).float() for c in data[split]]
                          for split in ("train", "valid", "test"))
    torch.manual_seed(0)
    model = TextbookLSTM()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.BCELoss(reduction="sum")
    steps, started = 0, time.perf_counter()
    best, best_state, best_step = float("inf"), None, 0
    while time.perf_counter() - started < 60 * minutes:
        for index in torch.randperm(len(train)).tolist():
            chorale = train[index]
            x, y = chorale[:-1][None], chorale[1:][None]
            loss = loss_function(model(x), y) / len(y[0])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            steps += 1
            if time.perf_counter() - started >= 60 * minutes:
                break
        score = nll_per_frame(model, valid)[0]  # after every epoch, as Bai et al.'s code keeps the best on valid
        if score < best:
            best, best_step = score, steps
            best_state = {key: value.clone() for key, value in model.state_dict().items()}
    model.load_state_dict(best_state)
    nll, frames = nll_per_frame(model, test)
    return {"row": "reference", "nll": nll, "steps": steps, "best_step": best_step, "frames": frames}


def nll_per_frame(model, chorales) -> tuple[float, int]:
    total, frames = 0.0, 0
    with torch.no_grad():
        for chorale in chorales:
            x, y = chorale[:-1][None], chorale[1:][None]
            total += float(nn.functional.binary_cross_entropy(model(x), y, reduction="sum"))
            frames += len(y[0])
    return total / frames, frames


MELODY_ROWS = ("music-vae", "music-vae-cpu", "melody-lm", "pianoroll-gan")
# A row's model section where it is not the family's defaults: MusicVAE sized for 10 CPU minutes (not a
# Magenta config): a 256-wide encoder, free bits 48 and beta up to 0.5 reached within a few thousand steps
# (so that the prior's samples are regularised in the time there is), teacher forcing (no step-by-step loop).
ROW_MODELS = {"music-vae-cpu": "model:\n  name: music-vae\n  encoder_width: 256\n  free_bits: 48\n  max_beta: 0.5\n"
                               "  beta_rate: 0.999\n  sampling_schedule: constant\n  sampling_rate: 0\n"}
# Scored at the last checkpoint, not the best validation one: MusicVAE's validation figure is its bound with
# the whole KL, which grows while beta is still small, so its best bound is an early, barely trained checkpoint.
SCORED_LAST = ("music-vae", "music-vae-cpu", "pianoroll-gan")


def melody_row(name: str, dataset: str, minutes: float, batch_size: int, work: Path,
               representation: str = "melody") -> dict:
    run = work / f"{name}-{dataset}-{representation}"
    model = ["--model", name]
    if name in ROW_MODELS:
        (work / f"{name}.yaml").write_text(ROW_MODELS[name])
        model = ["--config", str(work / f"{name}.yaml")]
    command = [sys.executable, "-m", "genforge", "train", *model, "--dataset", dataset, "--representation",
               representation, "--bars", "2", "--transpose", "5", "--minutes", str(minutes), "--batch-size", str(batch_size),
               "--seed", "0", "--checkpoint-every", str(CHECKPOINT_EVERY), "--log-every", "50", "--out", str(run)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    best = ["--checkpoint", "best"] if (run / "checkpoints" / "best").exists() and name not in SCORED_LAST else []
    subprocess.run([sys.executable, "-m", "genforge", "eval", str(run), "--n", "200", *best], check=True,
                   stdout=subprocess.DEVNULL)
    record = json.loads((run / "eval.json").read_text())
    status = json.loads((run / "status.json").read_text())
    return {"row": name, "steps": status.get("step"), "scored_step": record.get("step"), **record["metrics"]}


def melody_table(args) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.rows or MELODY_ROWS:
            row = melody_row(name, args.dataset, args.minutes, args.melody_batch_size, Path(folder))
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(f"\n2-bar melodies of {args.dataset}, {args.minutes:g} min per row, {time.strftime('%Y-%m-%d')}, "
          f"{cpu_name()}, torch {torch.__version__}\n")
    areas = [key for key in rows[0] if key.startswith("overlapped area:") and not key.endswith("reference)")]
    print("| row | steps | NLL (nats/event) | accuracy, teacher-forced | accuracy, sampled | "
          + " | ".join(key.removeprefix("overlapped area: ") for key in areas) + " |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(areas))

    def cell(row, key, digits=3):
        value = row.get(key)
        return "–" if value is None else f"{value:.{digits}f}"

    for row in rows:
        nll = row.get("NLL (nats/event)", row.get("NLL bound (nats/event)"))
        bound = "≤ " if "NLL bound (nats/event)" in row else ""
        print(f"| {row['row']} | {row['steps']} | {bound + f'{nll:.3f}' if nll is not None else '–'} | "
              f"{cell(row, 'reconstruction accuracy (teacher-forced)')} | {cell(row, 'reconstruction accuracy (sampled)')} | "
              + " | ".join(cell(row, key) for key in areas) + " |")
    print("| held-out windows (reference) | | | | | "
          + " | ".join(cell(rows[0], key + " (held-out reference)") for key in areas) + " |")


def voices_table(args) -> None:
    with tempfile.TemporaryDirectory() as folder:
        row = melody_row("pianoroll-gan", "bach-chorales", args.minutes, args.melody_batch_size, Path(folder), "voices")
    print(json.dumps(row), flush=True)
    print(f"\nFour voices of bach-chorales, pianoroll-gan, {args.minutes:g} min, {time.strftime('%Y-%m-%d')}, "
          f"{cpu_name()}, torch {torch.__version__}\n")
    pairs = [key for key in row if key.startswith("tonal distance") and not key.endswith("reference)")]
    print("| | steps | " + " | ".join(key.removeprefix("tonal distance ") for key in pairs) + " |")
    print("|---|---:|" + "---:|" * len(pairs))
    print(f"| samples | {row['steps']} | " + " | ".join(f"{row[key]:.3f}" for key in pairs) + " |")
    print("| held-out chorales | | " + " | ".join(f"{row[key + ' (held-out reference)']:.3f}" for key in pairs) + " |")
    areas = [key for key in row if key.startswith("overlapped area:") and not key.endswith("reference)")]
    print("\n| MGEval overlapped area | samples | held-out |\n|---|---:|---:|")
    for key in areas:
        print(f"| {key.removeprefix('overlapped area: ')} | {row[key]:.3f} | {row[key + ' (held-out reference)']:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", choices=["jsb", "melodies", "voices"], default="jsb")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--melody-batch-size", type=int, default=64)
    parser.add_argument("--dataset", default="bach-chorales")
    parser.add_argument("--rows", nargs="+")
    args = parser.parse_args()
    if args.table == "melodies":
        return melody_table(args)
    if args.table == "voices":
        return voices_table(args)
    args.rows = args.rows or ["polyphonic", "polyphonic-bernoulli", "reference"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.rows:
            row = reference_row(args.minutes) if name == "reference" else genforge_row(name, args.minutes,
                                                                                      args.batch_size, Path(folder))
            print(json.dumps(row), flush=True)
            rows.append(row)
    print(f"\nJSB chorales (quarter notes), test NLL per frame, {args.minutes:g} min per row, "
          f"{time.strftime('%Y-%m-%d')}, {cpu_name()}, torch {torch.__version__}\n")
    print("| row | test NLL (nats/frame) | steps | best validation at step | test frames |\n|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['row']} | {row['nll']:.3f} | {row['steps']} | {row['best_step']} | {row['frames']} |")


if __name__ == "__main__":
    main()
