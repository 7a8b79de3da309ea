#!/usr/bin/env bash
# Classification benchmark: btsf-cli classify on every UCR and UEA problem
# under the data root, for the `default` and `paper` presets, both probes,
# with the raw-input and untrained baselines. Resumable: a problem whose
# kept metrics.json (bench/results/runs) exists is skipped. Then writes bench/results/classification.md.
#
#   bash bench/run_classification.sh [--data-root DIR] [--only "A B"] [--jobs N] [--threads N] [--seed N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
only=""; jobs=2; threads=1; seed=0; presets="default paper"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
runs=$here/runs                # full run folders (checkpoints, representations): not committed
results=$here/results/runs     # their metrics.json and config.json: committed
mkdir -p "$runs"

# Preset by preset, so a partial run already covers one preset everywhere.
tasks=()
for preset in $presets; do
  for archive in ucr uea; do
    for dir in "$data_root/$archive"/*/; do
      [ -d "$dir" ] || continue
      name=$(basename "$dir")
      if [ -n "$only" ] && ! grep -qw "$name" <<<"$only"; then continue; fi
      tasks+=("$archive $name $preset")
    done
  done
done

run_one() {
  local archive=$1 name=$2 preset=$3
  local out="$runs/$preset/$archive/$name"
  local kept="$results/$preset/$archive/$name"
  [ -f "$kept/metrics.json" ] && return 0
  local extra=""
  # The baselines do not depend on the preset's training; score them once.
  [ "$preset" != "default" ] && extra="--no-baselines"
  if ! OMP_NUM_THREADS=$threads "$cli" classify "$data_root/$archive/$name" --preset "$preset" --probe both \
      --seed "$seed" --threads "$threads" --out "$out" $extra > "$out.stdout" 2> "$out.stderr"; then
    echo "FAILED $archive/$name ($preset): $(tail -1 "$out.stderr")"
    return 0
  fi
  # metrics.json and config.json are small and committed, so the report can be
  # rebuilt and an interrupted benchmark resumed from a fresh clone.
  mkdir -p "$kept" && cp "$out/metrics.json" "$out/config.json" "$kept/"
  echo "done $archive/$name ($preset): $(grep -m1 '"accuracy"' "$out/metrics.json" | tr -d ' ,')"
}
export -f run_one
export runs results data_root cli threads seed
mkdir -p "$runs"/{default,paper}/{ucr,uea}
printf '%s\n' "${tasks[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1 $2'

python3 "$here/report_classification.py" --runs "$results" --anchors "$root/../shared/anchors" \
  --out "$here/results/classification.md" --command "bash bench/run_classification.sh --jobs $jobs --threads $threads --seed $seed"
