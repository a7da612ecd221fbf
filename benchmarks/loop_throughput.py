"""Images per second of whole runs through the training loop (batches, the model's step, logging),
as `genforge train` reports them, for a before/after comparison of the loop itself.

Runs `python -m genforge train --preset PRESET --steps N` with no checkpoint inside the timed steps
(checkpoint_every beyond N), --repeats times, alternating nothing else, and prints the mean of
metrics.jsonl's images_per_second over the logged intervals after the first of each run. To
compare with another checkout, run it with that checkout's source first on PYTHONPATH:

    .venv/bin/python benchmarks/loop_throughput.py
    PYTHONPATH=/path/to/other/src .venv/bin/python benchmarks/loop_throughput.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def one_run(preset: str, steps: int, log_every: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "run"
        subprocess.run([sys.executable, "-m", "genforge", "train", "--preset", preset, "--steps", str(steps),
                        "--checkpoint-every", str(10 * steps), "--log-every", str(log_every), "--out", str(run)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
        return [r["images_per_second"] for r in records if "images_per_second" in r][1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="dcgan-fmnist")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import genforge

    means = [statistics.mean(one_run(args.preset, args.steps, args.log_every)) for _ in range(args.repeats)]
    print(f"genforge from {Path(genforge.__file__).parent}: {args.preset}, {args.steps} steps x {args.repeats} runs")
    print(f"images/s per run: {', '.join(f'{m:.0f}' for m in means)}; mean {statistics.mean(means):.0f}")


if __name__ == "__main__":
    main()
