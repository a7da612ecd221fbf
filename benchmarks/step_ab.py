"""A/B of one training step against another checkout, in one process, timed in alternation.

Machines here drift by tens of per cent between runs minutes apart, so comparing two runs of
throughput.py says little about a few per cent. This copies the other checkout's package (e.g. a
`git worktree` of an older commit) under the name genforge_other, builds the same preset's model in
both with the same seed and data, and times their train steps in alternating slices, so drift
hits both alike. It prints images/s of each and the ratio, per batch size and precision.

    git worktree add /tmp/before <commit>
    .venv/bin/python benchmarks/step_ab.py --other /tmp/before/src/genforge [--seconds 30]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import shutil
import sys
import tempfile
import time
from pathlib import Path

import torch


def load_other(package: Path):
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(package, folder / "genforge_other", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(folder))
    return importlib.import_module("genforge_other")


def first_module(genforge, *names: str):
    """The first of `names` (modules of `genforge`) that exists: the two checkouts may lay them out differently."""
    for name in names:
        try:
            return importlib.import_module(f"{genforge.__name__}.{name}")
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError(f"none of {names} in {genforge.__name__}")


def stepper(genforge, preset: str, batch_size: int, precision: str):
    """A function that runs one train step of `genforge`'s model on the next batch."""
    config_module = first_module(genforge, "training.run_config", "config")
    presets = first_module(genforge, "training.presets", "presets")
    data_module = importlib.import_module(f"{genforge.__name__}.data")
    schedule_module = first_module(genforge, "training.batch_schedule", "data")
    models = importlib.import_module(f"{genforge.__name__}.models")
    engine_module = importlib.import_module(f"{genforge.__name__}.training.step_engine")
    config = config_module.build_run_config(presets.load_preset(preset))
    data = data_module.load_dataset(config.data)
    model_config = config.model
    if hasattr(model_config, "fitted_to"):  # the two versions fit a model to its data differently
        model_config = model_config.fitted_to(data.spec)
    else:
        import dataclasses
        model_config = dataclasses.replace(model_config, image_size=data.image_size, channels=data.channels,
                                           num_classes=len(data.class_names) or None)
    torch.manual_seed(0)
    model = models.build_model(model_config)
    layout = torch.channels_last if config.train.channels_last else torch.contiguous_format
    model.to(memory_format=layout)
    optimizers = model.build_optimizers()
    engine = engine_module.StepEngine(torch.device("cpu"), precision)
    schedule = schedule_module.BatchSchedule(len(data), batch_size, seed=0)
    takes_batch = "batch" in inspect.signature(model.train_step).parameters
    Batch = importlib.import_module(f"{genforge.__name__}.core").Batch if takes_batch else None
    state = {"step": 0}

    def step() -> None:
        images = data.images[schedule.indices(state["step"])].contiguous(memory_format=layout)
        if takes_batch:
            model.train_step(Batch(x=images), optimizers, engine)
        else:
            model.train_step(images, None, optimizers, engine)
        state["step"] += 1

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", required=True, help="the other checkout's src/genforge folder")
    parser.add_argument("--preset", default="dcgan-fmnist")
    parser.add_argument("--seconds", type=float, default=30.0, help="timed seconds per version and row")
    parser.add_argument("--slice", type=float, default=1.0, help="seconds per alternating slice")
    args = parser.parse_args()
    import genforge

    other = load_other(Path(args.other))
    print(f"this: {Path(genforge.__file__).parent}; other: {args.other}; torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads")
    print("| batch | precision | this images/s | other images/s | this / other |")
    print("|---:|---|---:|---:|---:|")
    for batch_size in (32, 64, 256):
        for precision in ("fp32", "bf16"):
            steps = {"this": stepper(genforge, args.preset, batch_size, precision),
                     "other": stepper(other, args.preset, batch_size, precision)}
            for run in steps.values():
                for _ in range(3):
                    run()  # warm-up
            done = {name: 0 for name in steps}
            spent = {name: 0.0 for name in steps}
            while min(spent.values()) < args.seconds:
                for name, run in steps.items():
                    start = time.perf_counter()
                    while time.perf_counter() - start < args.slice:
                        run()
                        done[name] += 1
                    spent[name] += time.perf_counter() - start
            rate = {name: done[name] * batch_size / spent[name] for name in steps}
            print(f"| {batch_size} | {precision} | {rate['this']:.0f} | {rate['other']:.0f} | "
                  f"{rate['this'] / rate['other']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
