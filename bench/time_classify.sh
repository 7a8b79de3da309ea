#!/usr/bin/env bash
# Wall time of a plain `btsf-cli classify <problem>` (default preset, default
# probe, baselines included, the CLI's default thread count), one run at a
# time, on the problems that trained longest in the classification benchmark.
# Checks issue 2's "train + eval under 5 minutes" and writes
# bench/results/classify-time.md. Run it on an otherwise idle machine: a second
# job on the same cores doubles the figures.
#
#   bash bench/time_classify.sh [--data-root DIR] [--top N] [--only "A B"]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
top=8; only=""; limit=300; args="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# The slowest problems by the benchmark's own train_seconds (kept metrics.json).
if [ -z "$only" ]; then
  only=$(python3 - "$here/results/runs/default" "$top" <<'EOF'
import glob, json, os, sys
runs, top = sys.argv[1], int(sys.argv[2])
timed = []
for path in glob.glob(os.path.join(runs, "*", "*", "metrics.json")):
    with open(path) as f:
        timed.append((json.load(f).get("train_seconds", 0.0), path.split(os.sep)[-3], path.split(os.sep)[-2]))
print(" ".join(f"{archive}/{name}" for _, archive, name in sorted(timed, reverse=True)[:top]))
EOF
)
fi
[ -n "$only" ] || { echo "no benchmark runs under $here/results/runs/default; pass --only" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=""; worst=0
for problem in $only; do
  out="$work/$(basename "$problem")"
  start=$(date +%s.%N)
  if ! "$cli" classify "$data_root/$problem" --out "$out" --force > "$out.log" 2>&1; then
    echo "FAILED $problem: $(tail -1 "$out.log")" >&2; exit 1
  fi
  wall=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
  row=$(python3 - "$out/metrics.json" "$problem" "$wall" "$limit" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
wall, limit = float(sys.argv[3]), float(sys.argv[4])
verdict = "yes" if wall < limit else "**no**"
print(f"| {sys.argv[2]} | {m['iters']} | {m['train_seconds']:.1f} | {wall:.1f} | {m['accuracy']:.3f} | {verdict} |")
EOF
)
  echo "$row"
  rows+="$row"$'\n'
  worst=$(python3 -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$worst" "$wall")
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
  echo "# Time of one \`btsf-cli classify\` run"
  echo
  echo "Generated $(date -u '+%Y-%m-%d %H:%M') UTC on $cpu, $(nproc) cores, one run at a time."
  echo "Command: \`bash bench/time_classify.sh${args:+ $args}\` (problems: the $top that trained longest in \`classification.md\`, unless \`--only\`)."
  echo
  echo "Each row is \`btsf-cli classify <problem> --out DIR\` with nothing else: the \`default\` preset, the SVM"
  echo "probe, the raw-input and untrained-encoder baselines, the CLI's default of one thread per core. *wall* is the"
  echo "whole process, from start to the last file written. Issue 2 asks for under ${limit} s."
  echo
  echo "| problem | iters | train s | wall s | SVM accuracy | under ${limit} s |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "Slowest: ${worst} s."
} > "$here/results/classify-time.md.tmp"
mv "$here/results/classify-time.md.tmp" "$here/results/classify-time.md"
echo "wrote $here/results/classify-time.md"
