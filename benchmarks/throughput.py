"""Training throughput of the default DCGAN on Fashion-MNIST, on this machine.

Prints, for the preset's batch size, 64 and 256, in fp32 and bf16: images per second over whole train steps (batch
gathering, D step, G step), the FLOPs per image counted by torch.utils.flop_counter over one real
train step, the achieved GFLOP/s, and that as a fraction of a matmul peak measured in the same run.

    .venv/bin/python benchmarks/throughput.py [--seconds 20] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import time

import torch
from torch.utils.flop_counter import FlopCounterMode

from genforge.training.run_config import build_run_config
from genforge.data import data_config
from genforge.core import Batch
from genforge.training.presets import load_preset
from genforge.data import load_dataset
from genforge.training.batch_schedule import BatchSchedule
from genforge.models import build_model
from genforge.training.loop import fit_model_to_data
from genforge.training.step_engine import StepEngine



def matmul_peak_gflops(dtype: torch.dtype, size: int = 2048, seconds: float = 3.0) -> float:
    a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
    torch.mm(a, b)  # warm-up
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        torch.mm(a, b)
        runs += 1
    return 2 * size ** 3 * runs / (time.perf_counter() - start) / 1e9


def measure(config, data, batch_size: int, precision: str, seconds: float) -> dict:
    torch.manual_seed(0)
    model = build_model(config.model)
    layout = torch.channels_last if config.train.channels_last else torch.contiguous_format
    model.to(memory_format=layout)  # as the training loop lays out the preset's networks and batches
    optimizers = model.build_optimizers()
    engine = StepEngine(torch.device("cpu"), precision)
    schedule = BatchSchedule(len(data), batch_size, seed=0)

    def batch(step: int) -> Batch:
        return Batch(x=data.images[schedule.indices(step)].contiguous(memory_format=layout))

    with FlopCounterMode(display=False) as counter:
        model.train_step(batch(0), optimizers, engine)
    flops_per_image = counter.get_total_flops() / batch_size
    for step in range(1, 4):  # warm-up
        model.train_step(batch(step), optimizers, engine)
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        model.train_step(batch(4 + steps), optimizers, engine)
        steps += 1
    images_per_second = steps * batch_size / (time.perf_counter() - start)
    return {"flops_per_image": flops_per_image, "images_per_second": images_per_second,
            "gflops": flops_per_image * images_per_second / 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="timed seconds per row")
    parser.add_argument("--data-dir")
    parser.add_argument("--preset", default="dcgan-fmnist")
    args = parser.parse_args()

    config = build_run_config(load_preset(args.preset))
    data = load_dataset(data_config(dir=args.data_dir))
    config = fit_model_to_data(config, data)
    peaks = {"fp32": matmul_peak_gflops(torch.float32), "bf16": matmul_peak_gflops(torch.bfloat16)}
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{os.cpu_count()} CPUs; model {config.model.name} "
          f"(G width {config.model.generator_width}, D width {config.model.discriminator_width}, "
          f"extra layers {config.model.extra_layers}, channels-last {config.train.channels_last})")
    print(f"matmul peak (2048x2048, measured): fp32 {peaks['fp32']:.1f} GFLOP/s, bf16 {peaks['bf16']:.1f} GFLOP/s\n")
    print("| batch | precision | images/s | MFLOP/image (train step) | GFLOP/s | of matmul peak |")
    print("|---:|---|---:|---:|---:|---:|")
    for batch_size in sorted({config.train.batch_size, 64, 256}):
        for precision in ("fp32", "bf16"):
            row = measure(config, data, batch_size, precision, args.seconds)
            print(f"| {batch_size} | {precision} | {row['images_per_second']:.0f} | "
                  f"{row['flops_per_image'] / 1e6:.1f} | {row['gflops']:.1f} | "
                  f"{row['gflops'] / peaks[precision]:.0%} |", flush=True)


if __name__ == "__main__":
    main()
