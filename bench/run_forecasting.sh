#!/usr/bin/env bash
# Forecasting benchmark (spec §8, ETT protocol): btsf-cli forecast on ETTh1,
# ETTh2 and ETTm1, multivariate and univariate (OT), per preset, with the
# raw-window, untrained-encoder and NLinear baselines. Resumable: a run whose
# kept folder (bench/results/forecast-runs/PRESET/SETTING/NAME) has a
# commit.txt is skipped. Then writes bench/results/forecasting.md.
#
#   bash bench/run_forecasting.sh [--data-root DIR] [--only "ETTh1"] [--settings "multivariate univariate"]
#        [--presets "default ts2vec btsf paper"] [--threads N] [--jobs N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
only="ETTh1 ETTh2 ETTm1"; settings="multivariate univariate"; threads=1; jobs=2; seed=0
presets="default ts2vec btsf paper"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --settings) settings=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
runs=$here/forecast-runs                   # full run folders: not committed
results=$here/results/forecast-runs        # their metrics.json, config.json, time.txt, commit.txt: committed
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core app || echo "-dirty")
mkdir -p "$runs" "$results"

run_one() {
  local name=$1 setting=$2 preset=$3
  local out="$runs/$preset/$setting/$name" kept="$results/$preset/$setting/$name"
  [ -f "$kept/commit.txt" ] && return 0
  mkdir -p "$(dirname "$out")"
  local flag=""; [ "$setting" = multivariate ] && flag="--multivariate"
  if ! OMP_NUM_THREADS=$threads /usr/bin/time -f "%e s wall, %M KB peak" -o "$out.time" "$cli" forecast "$name" \
      --data-root "$data_root" $flag --preset "$preset" --seed "$seed" --threads "$threads" --predictions none --out "$out" --force \
      > "$out.stdout" 2> "$out.stderr"; then
    echo "FAILED $name ($setting): $(tail -1 "$out.stderr")"
    return 0
  fi
  mkdir -p "$kept" && cp "$out/metrics.json" "$out/config.json" "$kept/" && cp "$out.time" "$kept/time.txt"
  echo "$commit" > "$kept/commit.txt"
  echo "done $name ($setting, $preset): $(cat "$out.time")"
}
export -f run_one
export runs results data_root cli threads seed commit
tasks=()
for preset in $presets; do
  for setting in $settings; do for name in $only; do tasks+=("$name $setting $preset"); done; done
done
printf '%s\n' "${tasks[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1 $2'

python3 "$here/report_forecasting.py" --runs "$results" --anchors "$root/../shared/anchors" --out "$here/results/forecasting.md" \
  --command "bash bench/run_forecasting.sh --threads $threads --jobs $jobs"
