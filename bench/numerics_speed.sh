#!/usr/bin/env bash
# Speed of the softmax-regression loss and the PCA eigen solver, this tree
# against an older commit (issue 16: hand-written kernels against OpenBLAS and
# Eigen). Both builds are compiled here with the same flags from
# bench/numerics/numerics_speed.cpp, then run alternately, one thread, so the
# ratio is measured in one run. Writes bench/results/numerics-speed.md.
#
#   bash bench/numerics_speed.sh OLD_COMMIT [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
old=${1:?usage: numerics_speed.sh OLD_COMMIT [ROUNDS]}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build TREE OUT: the kernels wherever the tree keeps them (eval/ before the
# split, numerics/ and probes/ after), with the project's release flags.
build() {
  local tree=$1 out=$2 srcs=() dir
  for name in softmax_regression lbfgs simd_lanes representation_geometry metrics; do
    srcs+=("$(find "$tree/core" -name "$name.cpp" | head -1)")
  done
  dir=$(dirname "$(find "$tree/core" -name softmax_regression.h | head -1)")
  sed "s|#include \"numerics/|#include \"${dir##*/}/|" "$here/numerics/numerics_speed.cpp" > "$out.cpp"
  g++ -std=c++17 -O2 -g -DNDEBUG -D_FORTIFY_SOURCE=2 -fstack-protector-strong -I "$tree/core" -I /usr/include/eigen3 \
    "$out.cpp" "${srcs[@]}" -o "$out" -lblas -pthread
}
mkdir -p "$work/old"
git -C "$root" archive "$old" core | tar -x -C "$work/old"
build "$work/old" "$work/bench_old"
build "$root" "$work/bench_new"
old_short=$(git -C "$root" rev-parse --short "$old")
new_short=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core || echo "-dirty")

: > "$work/rows.csv"
for r in $(seq "$rounds"); do
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$work/bench_old" "$old_short" >> "$work/rows.csv"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$work/bench_new" "$new_short" >> "$work/rows.csv"
done

python3 - "$work/rows.csv" "$old_short" "$new_short" "$here/results/numerics-speed.md" "$rounds" <<'PY'
import collections, sys
rows, old, new, out, rounds = sys.argv[1:]
best = collections.defaultdict(lambda: float("inf"))
order = []
for line in open(rows):
    label, kernel, shape, ms, _ = line.strip().split(",")
    key = (kernel, shape)
    if key not in order:
        order.append(key)
    best[(label, key)] = min(best[(label, key)], float(ms))
with open(out, "w") as f:
    f.write("# Numerics kernels: hand-written against OpenBLAS and Eigen\n\n")
    f.write(f"Best of {rounds} alternating rounds (each itself the best of 3), one thread, same compiler flags. "
            f"softmax_fit: milliseconds per loss-and-gradient evaluation of the linear probe's objective "
            f"(L-BFGS run to its 20-iteration cap); pca_project: milliseconds per call.\n\n")
    f.write(f"| kernel | shape | {old} (ms) | {new} (ms) | {old} / {new} |\n|---|---|---:|---:|---:|\n")
    for kernel, shape in order:
        a, b = best[(old, (kernel, shape))], best[(new, (kernel, shape))]
        f.write(f"| {kernel} | {shape} | {a:.3f} | {b:.3f} | {a / b:.2f} |\n")
    f.write(f"\nCommand: `bash bench/numerics_speed.sh {old} {rounds}`\n")
print(open(out).read())
PY
