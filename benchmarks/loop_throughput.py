"""Units per second (images/s, tokens/s) of whole runs through the training loop (batches, the
model's step, logging), as `genforge train` reports them, for a before/after comparison of the loop.

Runs `python -m genforge train --preset PRESET --steps N` (or `--model M --dataset D` instead of a
preset) with no checkpoint inside the timed steps (checkpoint_every beyond N), --repeats times, and
prints the mean of metrics.jsonl's throughput over the logged intervals after the first of each run.
To compare with another checkout, run it with that checkout's source first on PYTHONPATH, in turns:

    .venv/bin/python benchmarks/loop_throughput.py [--model lm --dataset tinyshakespeare]
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


def one_run(what: list[str], steps: int, log_every: int) -> tuple[str, list[float]]:
    """(the throughput's name, its value in each logged interval after the first)."""
    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "run"
        subprocess.run([sys.executable, "-m", "genforge", "train", *what, "--steps", str(steps),
                        "--checkpoint-every", str(10 * steps), "--log-every", str(log_every), "--out", str(run)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
        key = next(key for record in records for key in record if key.endswith("_per_second"))
        return key, [r[key] for r in records if key in r][1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="dcgan-fmnist")
    parser.add_argument("--model", help="with --dataset: a model's defaults instead of a preset")
    parser.add_argument("--dataset")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import genforge

    what = ["--model", args.model, "--dataset", args.dataset] if args.model else ["--preset", args.preset]
    runs = [one_run(what, args.steps, args.log_every) for _ in range(args.repeats)]
    means = [statistics.mean(values) for _, values in runs]
    unit = runs[0][0].replace("_per_second", "/s")
    print(f"genforge from {Path(genforge.__file__).parent}: {' '.join(what[1::2])}, {args.steps} steps x {args.repeats} runs")
    print(f"{unit} per run: {', '.join(f'{m:.0f}' for m in means)}; mean {statistics.mean(means):.0f}")


if __name__ == "__main__":
    main()
