"""Training on a folder of photos: peak memory and images/s, from the uint8 cache and without it.

    .venv/bin/python benchmarks/folder_training.py [--count 20000] [--sizes 64,128] [--zip-sizes 64] [--steps 80]

Writes `count` synthetic JPEGs (160x160, coloured ellipses on noise) to a scratch folder, then
for each image size trains the dcgan-celeba64 preset's networks (DCGAN, width 64, batch 64,
x-flips) on it with `genforge train --images`: once building the cache (timed on its own), once
from the cache, once with --no-cache (every batch decoded from its files). For the --zip-sizes
the same is done from a .zip of the folder (stored, as JPEGs do not compress), read in place.
Each training run is its own process; its peak RSS (ru_maxrss) and the mean images/s over its
logged steps after the first are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

CHILD = """
import resource, sys
from genforge.cli.main import main
code = main(sys.argv[1:])
print("MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def write_synthetic_folder(folder: Path, count: int) -> None:
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        pixels = rng.integers(0, 60, (160, 160, 3), dtype=np.uint8)
        image = Image.fromarray(pixels)
        draw = ImageDraw.Draw(image)
        for _ in range(3):
            x, y = rng.integers(0, 120, 2)
            w, h = rng.integers(20, 80, 2)
            draw.ellipse((int(x), int(y), int(x + w), int(y + h)), fill=tuple(int(c) for c in rng.integers(60, 256, 3)))
        image.save(folder / f"{index:06d}.jpg", quality=90)


def zip_of(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(folder.glob("*.jpg")):
            out.write(path, path.name)
    return archive


def train(folder: Path, size: int, steps: int, out: Path, env: dict, cache: bool) -> dict:
    args = ["train", "--preset", "dcgan-celeba64", "--images", str(folder), "--image-size", str(size),
            "--steps", str(steps), "--log-every", "10", "--checkpoint-every", str(steps), "--out", str(out),
            "--overwrite"] + ([] if cache else ["--no-cache"])
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    seconds = time.perf_counter() - started
    rss_kb = int(next(line.split()[1] for line in result.stdout.splitlines() if line.startswith("MAXRSS_KB")))
    records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    speeds = [r["images_per_second"] for r in records if "images_per_second" in r][1:]
    return {"rss_mb": rss_kb / 1024, "images_per_second": float(np.mean(speeds)), "seconds": seconds}


def sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",") if size.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--sizes", default="64,128")
    parser.add_argument("--zip-sizes", default="64", help="sizes also measured from a .zip of the folder")
    parser.add_argument("--steps", type=int, default=80)
    parser.add_argument("--folder", type=Path, help="reuse this synthetic folder (written if missing)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folder = args.folder or scratch / "photos"
        if not folder.is_dir() or len(list(folder.glob("*.jpg"))) < args.count:
            started = time.perf_counter()
            write_synthetic_folder(folder, args.count)
            print(f"wrote {args.count} JPEGs of 160x160 in {time.perf_counter() - started:.0f} s", flush=True)
        env = {**os.environ, "GENFORGE_CACHE": str(scratch / "cache")}
        print(f"\n{os.cpu_count()} CPU cores; dcgan-celeba64 networks, batch 64, {args.steps} steps per row\n")
        print("| size | data path | peak RSS (MB) | images/s | cache build (s) | cache size (MB) |")
        print("|---:|---|---:|---:|---:|---:|", flush=True)
        sources = [(size, folder, "") for size in sizes(args.sizes)]
        if sizes(args.zip_sizes):
            archive = zip_of(folder, scratch / "photos.zip")
            sources += [(size, archive, "zip, ") for size in sizes(args.zip_sizes)]
        for size, source, label in sources:
            started = time.perf_counter()
            build = subprocess.run([sys.executable, "-c",
                                    "import sys; from genforge.data import data_config, "
                                    "load_dataset; load_dataset(data_config(name='folder', dir=sys.argv[1], "
                                    "image_size=int(sys.argv[2])))", str(source), str(size)], env=env)
            if build.returncode != 0:
                raise SystemExit("cache build failed")
            build_seconds = time.perf_counter() - started
            cache_mb = sum(f.stat().st_size for f in (scratch / "cache").rglob("images.u8")) / 2 ** 20
            for cache in (True, False):
                row = train(source, size, args.steps, scratch / f"run-{size}", env, cache)
                print(f"| {size} | {label}{'uint8 cache' if cache else 'decode every batch'} | {row['rss_mb']:.0f} | "
                      f"{row['images_per_second']:.0f} | {build_seconds if cache else 0:.0f} | "
                      f"{cache_mb if cache else 0:.0f} |", flush=True)
            shutil.rmtree(scratch / "cache" / "images")  # keep the scratch disk small


if __name__ == "__main__":
    main()
