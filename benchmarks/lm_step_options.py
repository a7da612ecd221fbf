"""The Transformer `lm` on tiny-shakespeare: tokens/s of short runs with the train section's speed
options, interleaved in one sitting (the machines are noisy: compare rows of the same sitting).

    .venv/bin/python benchmarks/lm_step_options.py [--steps 200] [--repeats 2] [--options fp32 bf16 inductor]

fp32: eager, the default; bf16: `train.precision: bf16` (autocast); inductor: `train.compile: inductor`
(its first run includes compiling). Prints tokens/s every 50 steps of each run.
"""

from __future__ import annotations

import argparse
import time

from genforge.training.run_folder import RunFolder

from char_lm import cpu_name  # benchmarks/char_lm.py (scripts in one folder)
from text_table import trained

OPTIONS = {"fp32": {}, "bf16": {"precision": "bf16"}, "inductor": {"compile": "inductor"}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--options", nargs="+", choices=list(OPTIONS), default=["fp32", "inductor"])
    parser.add_argument("--out", default="runs/bench-lm-options")
    args = parser.parse_args()
    print(f"CPU: {cpu_name()}; lm on tinyshakespeare, context 64, {args.steps} steps a run", flush=True)
    for _ in range(args.repeats):
        for label in args.options:
            started = time.perf_counter()
            run = trained({"name": "lm"}, {"name": "tinyshakespeare", "sequence_length": 64}, None, f"{args.out}/{label}",
                          {"steps": args.steps, "minutes": None, "log_every": 50, **OPTIONS[label]})
            speeds = [round(r["tokens_per_second"]) for r in RunFolder(run["root"]).read_metrics() if "tokens_per_second" in r]
            print(f"{label}: {time.perf_counter() - started:.1f} s in all; tokens/s every 50 steps: {speeds}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
