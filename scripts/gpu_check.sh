#!/usr/bin/env bash
# The CUDA paths no CPU can run, in one short pass, for a session that is lent a GPU machine.
#
# On the GPU machine (it has torch, not torch-fidelity: carry its wheel, see below):
#     bash scripts/gpu_check.sh            # logs and sample grids go to $OUT (default /tmp/gpu-check)
# A dry run of the same commands on a CPU, to check the script itself:
#     GPU=cpu COMPILE=eager HALF=bf16 STEPS=4 PYTHON=.venv/bin/python bash scripts/gpu_check.sh
# (HALF=bf16 there: fp16 convolutions have no fast CPU kernels, a step takes minutes.)
# The wheel, made once where pip reaches PyPI (the folder is git-ignored; name it in the device's carry):
#     python3 -m pip download --no-deps -d .whl torch-fidelity==0.4.0
#
# It trains the dcgan-celeba64 preset on 256 synthetic photos with bf16 + channels-last +
# torch.compile, then fp16 (gradient scalers), WGAN-GP under bf16 (a double backward on the GPU),
# resumes the fp16 run on the CPU in fp32 and back on the GPU in fp16 (the scalers' state kept in
# the checkpoint all along), and samples one checkpoint on both devices. Every command's
# exit code is printed; the script's own is the number of commands that failed.
# Not covered: NCCL, DDP with device_ids and SyncBatchNorm need two GPUs (NCCL refuses two ranks
# on one GPU, and one torchrun process runs without a process group).
set -u -o pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
GPU=${GPU:-cuda}
COMPILE=${COMPILE:-inductor}
HALF=${HALF:-fp16}
STEPS=${STEPS:-60}  # at least 2: checkpoints come every STEPS/2 steps
OUT=${OUT:-/tmp/gpu-check}
mkdir -p "$OUT"
if ls .whl/*.whl >/dev/null 2>&1; then
    "$PYTHON" -m pip install -q --no-index --no-deps --no-compile --target /tmp/gpu-check-site .whl/*.whl || exit 99
    export PYTHONPATH=/tmp/gpu-check-site${PYTHONPATH:+:$PYTHONPATH}
fi
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
WORK=$(mktemp -d)
export GENFORGE_CACHE=$WORK/cache

"$PYTHON" - "$WORK/photos" <<'EOF'
import sys
from pathlib import Path
import numpy as np
from PIL import Image
folder = Path(sys.argv[1]); folder.mkdir(parents=True)
rng = np.random.default_rng(0)
for index in range(256):  # 178x218, as CelebA's aligned faces are
    Image.fromarray(rng.integers(0, 256, (218, 178, 3), dtype=np.uint8)).save(folder / f"{index:04d}.jpg")
EOF

failures=0
check() {  # check NAME ARGS...: one genforge command, its log in $OUT/NAME.log
    local name=$1; shift
    local started=$SECONDS
    timeout 300 "$PYTHON" -m genforge "$@" >"$OUT/$name.log" 2>&1
    local code=$?
    echo "$name: exit $code in $((SECONDS - started)) s"
    [ $code -eq 0 ] || { failures=$((failures + 1)); tail -5 "$OUT/$name.log"; }
}
common=(--preset dcgan-celeba64 --images "$WORK/photos" --steps "$STEPS" --checkpoint-every $((STEPS / 2))
        --log-every $((STEPS / 4 > 0 ? STEPS / 4 : 1)))
half=$((STEPS + STEPS / 2))

check bf16-compile train "${common[@]}" --device "$GPU" --precision bf16 --channels-last --compile "$COMPILE" --out "$WORK/bf16"
check "$HALF" train "${common[@]}" --device "$GPU" --precision "$HALF" --channels-last --out "$WORK/half"
check wgan-gp-bf16 train "${common[@]}" --model wgan-gp --device "$GPU" --precision bf16 --out "$WORK/wgan"
check resume-on-cpu train --resume "$WORK/half" --device cpu --precision fp32 --steps "$half"
check resume-on-gpu train --resume "$WORK/half" --device "$GPU" --precision "$HALF" --steps $((STEPS * 2))
check sample-gpu sample "$WORK/bf16" --device "$GPU" --n 16 --seed 0 --out "$OUT/bf16-gpu.png"
check sample-cpu sample "$WORK/bf16" --device cpu --n 16 --seed 0 --out "$OUT/bf16-cpu.png"
timeout 300 "$PYTHON" - "$WORK" "$GPU" <<'EOF' >"$OUT/same-images.log" 2>&1 || failures=$((failures + 1))
import sys, genforge
work, gpu = sys.argv[1], sys.argv[2]
a = genforge.load(f"{work}/bf16", device="cpu").sample(16, seed=0).float()
b = genforge.load(f"{work}/bf16", device=gpu).sample(16, seed=0).float()
print(f"GPU and CPU samples of one checkpoint: mean |difference| {(a - b).abs().mean():.3f} of 255")
EOF
cat "$OUT/same-images.log"
grep -h '"images_per_second"' "$WORK"/*/metrics.jsonl | tail -3 >"$OUT/speeds.log" || true
echo "failed: $failures"
exit $failures
