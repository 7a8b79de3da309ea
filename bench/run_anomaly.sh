#!/usr/bin/env bash
# Anomaly-detection benchmark (spec §8): btsf-cli detect on the SMAP/MSL
# channels, the UCR-anomaly series and the NAB series under the data root, per
# preset, with the default threshold rule (mean + 3 std of the held-out training
# scores) and the raw-window and untrained-encoder baselines. Resumable: a run
# whose kept metrics.json (bench/results/anomaly-runs/PRESET/GROUP/NAME) exists
# is skipped; new ones get a commit.txt. Then writes bench/results/anomaly.md.
#
#   bash bench/run_anomaly.sh [--data-root DIR] [--groups "nasa ucr nab"] [--presets "ts2vec btsf"]
#        [--threads N] [--jobs N] [--seed S]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
groups="nasa ucr nab"; threads=1; jobs=2; seed=0; presets="ts2vec btsf"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --groups) groups=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
anomaly=$data_root/anomaly
runs=$here/anomaly-runs                # full run folders: not committed
results=$here/results/anomaly-runs     # their metrics.json and commit.txt: committed
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core app || echo "-dirty")
mkdir -p "$runs" "$results"

tasks=()
for group in $groups; do
  case "$group" in
    nasa) for f in "$anomaly"/smap_msl/test/*.npy; do [ -e "$f" ] && tasks+=("nasa $(basename "$f" .npy) nasa:$(basename "$f" .npy)"); done ;;
    ucr) for f in "$anomaly"/ucr_anomaly/*.txt; do [ -e "$f" ] && tasks+=("ucr $(basename "$f" .txt) ucr:$(basename "$f")"); done ;;
    nab) while IFS= read -r f; do
           rel=${f#"$anomaly"/nab/data/}; tasks+=("nab $(basename "$f" .csv) nab:$rel")
         done < <(find "$anomaly/nab/data" -name '*.csv' | sort) ;;
    *) echo "unknown group $group" >&2; exit 2 ;;
  esac
done

run_one() {
  local group=$1 name=$2 spec=$3 preset=$4
  local out="$runs/$preset/$group/$name" kept="$results/$preset/$group/$name"
  [ -f "$kept/metrics.json" ] && return 0
  mkdir -p "$(dirname "$out")"
  if ! OMP_NUM_THREADS=$threads "$cli" detect "$spec" --data-root "$data_root" --preset "$preset" --seed "$seed" --threads "$threads" \
      --out "$out" --force > "$out.stdout" 2> "$out.stderr"; then
    echo "FAILED $group/$name ($preset): $(tail -1 "$out.stderr")"
    return 0
  fi
  mkdir -p "$kept" && cp "$out/metrics.json" "$kept/" && echo "$commit" > "$kept/commit.txt"
  echo "done $group/$name ($preset): $(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("F1 %.3f, point-adjusted %.3f" % (m["point_wise"]["f1"], m["point_adjusted"]["f1"]))' "$out/metrics.json")"
}
export -f run_one
export runs results data_root cli threads seed commit
jobs_list=()
for preset in $presets; do for t in "${tasks[@]}"; do jobs_list+=("$t $preset"); done; done
printf '%s\n' "${jobs_list[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1 $2 $3'

python3 "$here/report_anomaly.py" --runs "$results" --anchors "$root/../shared/anchors" \
  --out "$here/results/anomaly.md" \
  --command "bash bench/run_anomaly.sh --groups \"$groups\" --presets \"$presets\" --threads $threads --jobs $jobs"
