#!/usr/bin/env bash
# The GPU check of issue 2, for a machine with an NVIDIA GPU and a Python
# `torch` built with CUDA: builds the core and btsf-cli against that LibTorch
# (GUI and tests off, since Qt may be absent), runs `classify demo:CBF` on the
# CPU and on CUDA with the same seed, for each preset (default and ts2vec),
# and writes bench/results/gpu-cbf.md.
#
#   bash bench/gpu_cbf.sh [--build DIR] [--iters N] [--presets "default ts2vec"]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build-cuda; iters=0; presets="default ts2vec"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBTSF_BUILD_GUI=OFF -DBUILD_TESTING=OFF \
  -DCMAKE_PREFIX_PATH="$prefix" > "$build.configure.log" 2>&1 || { tail -20 "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" --target btsf-cli > "$build.build.log" 2>&1 || { tail -20 "$build.build.log"; exit 1; }
cli=$build/app/cli/btsf-cli

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for preset in $presets; do
  for device in cpu cuda; do
    "$cli" classify demo:CBF --preset "$preset" --device "$device" --seed 0 --iters "$iters" \
      --out "$work/$preset-$device" > "$work/$preset-$device.log" 2>&1 ||
      { echo "classify $preset on $device failed:"; tail -5 "$work/$preset-$device.log"; exit 1; }
  done
done

python3 - "$work" "$here/results/gpu-cbf.md" "$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)" $presets <<'EOF'
import datetime, json, os, sys
work, out, gpu, presets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
lines = [f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC with `bash bench/gpu_cbf.sh` on {gpu}, "
         f"{os.cpu_count()} CPU cores: `btsf-cli classify demo:CBF --preset P --seed 0`.", "",
         "| preset | device | iters | train s | SVM accuracy | untrained SVM | raw SVM | MiniRocket ridge |",
         "|---|---|---|---|---|---|---|---|"]
speedups = []
for p in presets:
    m = {d: json.load(open(os.path.join(work, f"{p}-{d}", "metrics.json"))) for d in ("cpu", "cuda")}
    for d in ("cpu", "cuda"):
        b = m[d].get("baselines", {})
        cells = [b.get("untrained", {}).get("accuracy"), b.get("raw", {}).get("accuracy"),
                 b.get("minirocket", {}).get("ridge", {}).get("accuracy")]
        lines.append(f"| {p} | {m[d]['device']} | {m[d]['iters']} | {m[d]['train_seconds']:.1f} | "
                     f"{m[d]['accuracy']:.3f} | " + " | ".join("" if c is None else f"{c:.3f}" for c in cells) + " |")
    speedups.append(f"{p} {m['cpu']['train_seconds'] / m['cuda']['train_seconds']:.1f}x")
lines += ["", "Training speed-up of CUDA over the CPU: " + ", ".join(speedups) + "."]
with open(out + ".tmp", "w") as f:
    f.write("\n".join(lines) + "\n")
os.replace(out + ".tmp", out)
print("\n".join(lines))
EOF
