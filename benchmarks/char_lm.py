"""The character language model on tiny-shakespeare at equal CPU time, on this machine.

Trains `genforge train --model char-lm --dataset tinyshakespeare` (the defaults, or --set KEY=VALUE
overrides) for --minutes of training time, evaluating the validation loss (nats per character, 256
fixed windows of the val split) every --eval-every steps, then prints: the CPU, tokens/s, the
validation loss at the last evaluation at or before each of --at minutes, and the exact NLL of the
whole validation split at the end (`genforge nll`). The learning rate is constant, so the figure at
3 minutes of a 10-minute run is the figure of a 3-minute run (the same steps, the same seed).

    .venv/bin/python benchmarks/char_lm.py [--minutes 10] [--at 3 10] [--out runs/bench-char-lm]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import yaml

from genforge.training.run_config import build_run_config
from genforge.pipelines import train
from genforge.training.run_folder import RunFolder
from machine import cpu_name  # benchmarks/machine.py




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--at", type=float, nargs="+", default=[3.0, 10.0])
    parser.add_argument("--eval-every", type=int, default=100)
    parser.add_argument("--out", default="runs/bench-char-lm")
    parser.add_argument("--set", nargs="*", default=[], metavar="SECTION.KEY=VALUE")
    args = parser.parse_args()
    values = {"model": {"name": "char-lm"}, "data": {"name": "tinyshakespeare"},
              "train": {"minutes": args.minutes, "steps": None, "eval_every": args.eval_every,
                        "checkpoint_every": 1000, "log_every": 25}}
    for item in args.set:
        key, value = item.split("=", 1)
        section, name = key.split(".")
        values[section][name] = yaml.safe_load(value)
    config = build_run_config(values)
    result = train(config, args.out, overwrite=True)
    records = RunFolder(result.run.root).read_metrics()
    speeds = [r["tokens_per_second"] for r in records if "tokens_per_second" in r][1:]
    evaluations = [(r["seconds"] / 60, r["step"], r["val_loss"]) for r in records if "val_loss" in r]
    subprocess.run([sys.executable, "-m", "genforge", "nll", str(result.run.root)], check=True,
                   stdout=subprocess.DEVNULL)
    nll = yaml.safe_load((result.run.root / "likelihood.json").read_text())
    fitted = build_run_config(yaml.safe_load((result.run.root / "config.yaml").read_text()))
    print(f"CPU: {cpu_name()}; torch threads: {__import__('torch').get_num_threads()}")
    print(f"model: {fitted.model.layers} layers, {fitted.model.heads} heads, width {fitted.model.width}, "
          f"context {fitted.model.context}; batch {fitted.train.batch_size}; {result.step} steps in "
          f"{result.seconds / 60:.1f} min")
    print(f"tokens/s (mean of the logged intervals after the first): {sum(speeds) / len(speeds):,.0f}")
    for minutes in args.at:
        before = [e for e in evaluations if e[0] <= minutes + 1e-9]
        if before:
            at_minutes, step, loss = before[-1]
            print(f"val loss at {minutes:g} min: {loss:.4f} nats/char (evaluation at step {step}, {at_minutes:.2f} min)")
    print(f"whole val split at the end: {nll['nll_nats_per_character']:.4f} nats/char "
          f"({nll['bits_per_character']:.4f} bits/char, {nll['characters']:,} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
