"""Images from images at equal CPU time, one row after the other on this machine: benchmarks/image_tasks.py.

Fashion-MNIST (28 px), every row trained for --minutes of wall time (default 10) with seed 0 and
batches of 64, then scored by `genforge eval RUN --n 1000` on the first 1,000 test images, their pairs
made from the eval seed: PSNR (dB, per image, then the mean) and SSIM (Gaussian window, sigma 1.5) on
[0, 1], and for inpainting the L1 inside the hole, beside the task's baselines computed by the same
code on the same pairs (bicubic for super-resolution; the mean colour and scikit-image's biharmonic
filling for inpainting; the input itself for edges).

Tasks (`--tasks`): sr4 (x4: 7 -> 28 px, antialiased bicubic downsampling), inpaint-centre (a centred
square of a quarter of the image), inpaint-strokes (DeepFill v2's free-form strokes over a quarter),
edges (Canny edges -> the item). Rows (`--rows`): pix2pix, unet-l1; for the inpainting tasks also
dcgan-latent and vae-latent: the `dcgan-fmnist` and `vae-fmnist` presets trained for the same
minutes, unconditionally, then inpainting through their latents (Yeh et al. 2017), scored by the same
code on the same pairs (pipelines/image/task_evaluation.py: inpainting_figures).

`--cyclegan`: one more row, `cyclegan` on sneakers <-> ankle boots, scored by `genforge eval`: the
shipped classifier's accuracy on the translations and the cycles' PSNR.

    .venv/bin/python benchmarks/image_tasks.py [--minutes 10] [--tasks sr4 inpaint-centre] [--rows pix2pix unet-l1] [--cyclegan]
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
from machine import cpu_name  # benchmarks/machine.py

TASKS = {
    "sr4": ["--task", "super-resolution", "--factor", "4"],
    "inpaint-centre": ["--task", "inpaint", "--mask", "centre", "--hole-fraction", "0.25"],
    "inpaint-strokes": ["--task", "inpaint", "--mask", "strokes", "--hole-fraction", "0.25"],
    "edges": ["--task", "edges"],
}
ROWS = ("pix2pix", "unet-l1", "dcgan-latent", "vae-latent")
LATENT_PRESETS = {"dcgan-latent": "dcgan-fmnist", "vae-latent": "vae-fmnist"}




def latent_row(name: str, task: str, minutes: float, work: Path) -> dict:
    """A preset trained once (for every inpainting task), then inpainting through its latent."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from genforge import load
    from genforge.data import data_config
    from genforge.pipelines.image.task_evaluation import inpainting_figures

    run = work / name
    if not (run / "status.json").exists():
        subprocess.run([sys.executable, "-m", "genforge", "train", "--preset", LATENT_PRESETS[name], "--minutes",
                        str(minutes), "--seed", "0", "--out", str(run)], check=True, stdout=subprocess.DEVNULL)
    flags = dict(zip(TASKS[task][::2], TASKS[task][1::2]))
    config = data_config("fashion-mnist", task="inpaint", mask=flags["--mask"], hole_fraction=float(flags["--hole-fraction"]))
    status = json.loads((run / "status.json").read_text())
    return {"task": task, "row": name, "steps": status.get("step"), **inpainting_figures(load(run), config, 1000)}


def row(model: str, task: str, minutes: float, work: Path) -> dict:
    if model in LATENT_PRESETS:
        return latent_row(model, task, minutes, work)
    run = work / f"{model}-{task}"
    subprocess.run([sys.executable, "-m", "genforge", "train", "--model", model, "--dataset", "fashion-mnist",
                    *TASKS[task], "--minutes", str(minutes), "--batch-size", "64", "--seed", "0",
                    "--checkpoint-every", "500", "--log-every", "100", "--out", str(run)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "genforge", "eval", str(run), "--n", "1000"], check=True,
                   stdout=subprocess.DEVNULL)
    record = json.loads((run / "eval.json").read_text())
    status = json.loads((run / "status.json").read_text())
    return {"task": task, "row": model, "steps": status.get("step"), **record["metrics"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--tasks", nargs="+", choices=list(TASKS), default=list(TASKS))
    parser.add_argument("--rows", nargs="+", choices=ROWS, default=list(ROWS))
    parser.add_argument("--cyclegan", action="store_true", help="also the sneakers <-> ankle boots row")
    args = parser.parse_args()
    results, cycle = [], None
    with tempfile.TemporaryDirectory() as folder:
        for task in args.tasks:
            for model in args.rows:
                if model in LATENT_PRESETS and not task.startswith("inpaint"):
                    continue
                results.append(row(model, task, args.minutes, Path(folder)))
                print(json.dumps(results[-1]), flush=True)
        if args.cyclegan:
            cycle = cyclegan_row(args.minutes, Path(folder))
            print(json.dumps(cycle), flush=True)
    print(f"\nFashion-MNIST test images (1,000), {args.minutes:g} min per row, {time.strftime('%Y-%m-%d')}, "
          f"{cpu_name()}, torch {torch.__version__}\n")
    print("| task | row | steps | PSNR (dB) | SSIM | L1 in the hole |\n|---|---|---:|---:|---:|---:|")
    for task in args.tasks:
        mine = [r for r in results if r["task"] == task]
        def hole(value):
            return "–" if value is None else f"{value:.3f}"

        for r in mine:
            print(f"| {task} | {r['row']} | {r['steps']} | {r['PSNR (dB)']:.2f} | {r['SSIM']:.3f} | "
                  f"{hole(r.get('L1 in the hole'))} |")
        baselines = sorted({key[len("PSNR (dB) ("):-1] for key in mine[0] if key.startswith("PSNR (dB) (")})
        for name in baselines:
            print(f"| {task} | {name} (baseline) | | {mine[0][f'PSNR (dB) ({name})']:.2f} | "
                  f"{mine[0][f'SSIM ({name})']:.3f} | {hole(mine[0].get(f'L1 in the hole ({name})'))} |")


    if cycle:
        print("\n| sneakers <-> ankle boots | steps | " + " | ".join(k for k in cycle if k not in ("row", "steps")) + " |")
        print("|---|---:|" + "---:|" * (len(cycle) - 2))
        print(f"| cyclegan | {cycle['steps']} | " + " | ".join(f"{v:.3f}" for k, v in cycle.items()
                                                        if k not in ("row", "steps")) + " |")


def cyclegan_row(minutes: float, work: Path) -> dict:
    run = work / "cyclegan"
    subprocess.run([sys.executable, "-m", "genforge", "train", "--model", "cyclegan", "--dataset", "fashion-mnist",
                    "--domain-a", "sneaker", "--domain-b", "ankle-boot", "--minutes", str(minutes), "--batch-size", "8",
                    "--seed", "0", "--lr-decay", "linear", "--checkpoint-every", "500", "--out", str(run)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "genforge", "eval", str(run), "--n", "1000"], check=True,
                   stdout=subprocess.DEVNULL)
    status = json.loads((run / "status.json").read_text())
    return {"row": "cyclegan", "steps": status.get("step"), **json.loads((run / "eval.json").read_text())["metrics"]}


if __name__ == "__main__":
    main()
