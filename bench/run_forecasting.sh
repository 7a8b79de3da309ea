#!/usr/bin/env bash
# Forecasting benchmark (spec §8, ETT protocol): btsf-cli forecast on ETTh1,
# ETTh2 and ETTm1, multivariate and univariate (OT), default preset, with the
# raw-window and untrained-encoder baselines. Resumable: a run whose kept
# metrics.json (bench/results/forecast-runs) exists is skipped. Then writes
# bench/results/forecasting.md.
#
#   bash bench/run_forecasting.sh [--data-root DIR] [--only "ETTh1"] [--settings "multivariate univariate"] [--threads N] [--jobs N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
only="ETTh1 ETTh2 ETTm1"; settings="multivariate univariate"; threads=1; jobs=2; seed=0
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --settings) settings=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
runs=$here/forecast-runs                   # full run folders: not committed
results=$here/results/forecast-runs        # their metrics.json and config.json: committed
mkdir -p "$runs" "$results"

run_one() {
  local name=$1 setting=$2
  local out="$runs/$setting/$name" kept="$results/$setting/$name"
  [ -f "$kept/metrics.json" ] && return 0
  mkdir -p "$(dirname "$out")"
  local flag=""; [ "$setting" = multivariate ] && flag="--multivariate"
  if ! OMP_NUM_THREADS=$threads /usr/bin/time -f "%e s wall, %M KB peak" -o "$out.time" "$cli" forecast "$name" \
      --data-root "$data_root" $flag --seed "$seed" --threads "$threads" --predictions none --out "$out" \
      > "$out.stdout" 2> "$out.stderr"; then
    echo "FAILED $name ($setting): $(tail -1 "$out.stderr")"
    return 0
  fi
  mkdir -p "$kept" && cp "$out/metrics.json" "$out/config.json" "$kept/" && cp "$out.time" "$kept/time.txt"
  echo "done $name ($setting): $(cat "$out.time")"
}
export -f run_one
export runs results data_root cli threads seed
tasks=()
for setting in $settings; do for name in $only; do tasks+=("$name $setting"); done; done
printf '%s\n' "${tasks[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1'

python3 "$here/report_forecasting.py" --runs "$results" --out "$here/results/forecasting.md" \
  --command "bash bench/run_forecasting.sh --threads $threads --jobs $jobs"
