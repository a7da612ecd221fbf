"""seq2seq on the couplets: training speed with each pair batch cut to its longest row
(data/text/sequences.PairSet.take) against every batch padded to sequence_length + 2
(before), interleaved in one sitting so that the ratio means something on a noisy machine.

    .venv/bin/python benchmarks/pair_padding.py [--steps 60] [--repeats 2]
"""

from __future__ import annotations

import argparse
import time

from genforge.core import Batch
from genforge.data.text import sequences

from char_lm import cpu_name  # benchmarks/char_lm.py (scripts in one folder)
from text_table import trained

TRIMMED = sequences.PairSet.take


def padded_take(self, index):
    """The earlier take: the whole padded width, whatever the batch holds."""
    index = index.to(self.source.device)
    return Batch(source=self.source[index], target=self.target[index])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", default="runs/bench-pair-padding")
    args = parser.parse_args()
    print(f"CPU: {cpu_name()}; seq2seq on couplets (sequence length 32), {args.steps} steps a run", flush=True)
    speeds: dict[str, list[float]] = {"padded": [], "trimmed": []}
    for _ in range(args.repeats):
        for label, take in (("padded", padded_take), ("trimmed", TRIMMED)):
            sequences.PairSet.take = take
            started = time.perf_counter()
            run = trained({"name": "seq2seq"}, {"name": "couplets", "sequence_length": 32}, None, f"{args.out}/{label}",
                          {"steps": args.steps, "minutes": None, "log_every": 20})
            speeds[label].append(run["tokens_per_second"])
            print(f"{label}: {run['steps']} steps, {time.perf_counter() - started:.1f} s, "
                  f"{run['tokens_per_second']:,.0f} tokens/s", flush=True)
    sequences.PairSet.take = TRIMMED
    ratio = sum(speeds["trimmed"]) / sum(speeds["padded"])
    print(f"trimmed / padded tokens/s: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
