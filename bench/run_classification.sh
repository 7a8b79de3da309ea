#!/usr/bin/env bash
# Classification benchmark: btsf-cli classify on the shared UCR and UEA problems,
# `ts2vec` and `sum-fusion` with seeds 0 1 2 and `paper` with seed 0, the SVM probe,
# every run with its three baselines (the raw input, the same architecture
# untrained, MiniRocket). Then writes bench/results/classification.md.
#
# Each kept run folder (bench/results/classification-runs/PRESET/seedS/ARCHIVE/NAME)
# holds metrics.json, config.json and commit.txt, the commit of the code that
# made it. Resumable: a run whose kept folder has a commit.txt is skipped;
# one without (older code) is run again.
#
#   bash bench/run_classification.sh [--data-root DIR] [--list bench/tune-problems.txt] [--only "A B"]
#        [--presets "ts2vec sum-fusion paper"] [--seeds "0 1 2"] [--skip "Rock"] [--archives "ucr uea"]
#        [--probe svm|both] [--jobs N] [--threads N] [--name classification]
# --name sets where runs and the report go (bench/results/NAME-runs, NAME.md):
# a screen of variants keeps its own, apart from the benchmark.
# A name in --presets that is not a preset is a variant: bench/configs/variants/NAME.json.
# The probe is the SVM alone by default (TS2Vec's protocol, what the report
# compares): the linear probe's cross-validation on MiniRocket's 10,000
# features costs more than some trainings.
set -euo pipefail
invocation="bash bench/run_classification.sh $*"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
only=""; skip=""; list=""; archives="ucr uea"; probe=svm; jobs=2; threads=1; presets="ts2vec sum-fusion paper"; seeds=""
name_tag=classification
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --skip) skip=$2; shift 2 ;;
    --archives) archives=$2; shift 2 ;;
    --probe) probe=$2; shift 2 ;;
    --list) list=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --name) name_tag=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$cli" ] || { echo "run_classification.sh: $cli not built" >&2; exit 1; }
[ -z "$list" ] || [ -f "$list" ] || { echo "run_classification.sh: $list: no such problem list" >&2; exit 2; }
runs=$here/runs/$name_tag            # full run folders (checkpoints, representations): not committed
results=$here/results/$name_tag-runs  # their small files: committed
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core app || echo "-dirty")

seeds_of() {  # the paper preset is the spec as written: one seed shows where it stands
  if [ -n "$seeds" ]; then echo "$seeds"; elif [ "$1" = paper ]; then echo 0; else echo 0 1 2; fi
}

# Seed-major, so a partial run already covers every problem once per preset.
tasks=()
for preset in $presets; do
  for seed in $(seeds_of "$preset"); do
    for archive in $archives; do
      for dir in "$data_root/$archive"/*/; do
        [ -d "$dir" ] || continue
        name=$(basename "$dir")
        if [ -n "$only" ] && ! grep -qw "$name" <<<"$only"; then continue; fi
        if [ -n "$skip" ] && grep -qw "$name" <<<"$skip"; then continue; fi
        if [ -n "$list" ] && ! grep -qx "$archive/$name" "$list"; then continue; fi
        tasks+=("$archive $name $preset $seed")
      done
    done
  done
done

run_one() {
  local archive=$1 name=$2 preset=$3 seed=$4
  local out="$runs/$preset/seed$seed/$archive/$name"
  local kept="$results/$preset/seed$seed/$archive/$name"
  [ -f "$kept/commit.txt" ] && return 0
  mkdir -p "$(dirname "$out")"
  # A variant under screening is a config file named after it (bench/configs/variants/NAME.json).
  local model=(--preset "$preset")
  [ -f "$here/configs/variants/$preset.json" ] && model=(--config "$here/configs/variants/$preset.json")
  if ! OMP_NUM_THREADS=$threads "$cli" classify "$data_root/$archive/$name" "${model[@]}" --probe "$probe" \
      --seed "$seed" --threads "$threads" --out "$out" --force > "$out.stdout" 2> "$out.stderr"; then
    echo "FAILED $archive/$name ($preset seed $seed): $(tail -1 "$out.stderr")"
    return 0
  fi
  mkdir -p "$kept" && cp "$out/metrics.json" "$out/config.json" "$kept/" && echo "$commit" > "$kept/commit.txt"
  echo "done $archive/$name ($preset seed $seed): $(grep -m1 '"accuracy"' "$out/metrics.json" | tr -d ' ,')"
}
export -f run_one
export runs results data_root cli threads commit probe here
printf '%s\n' "${tasks[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1 $2 $3'

# A screen (--name other than classification) is reported beside the benchmark's
# runs of the same problems, so its variants meet ts2vec, sum-fusion and paper.
report_runs=("$results"); report_list=()
if [ "$name_tag" != classification ]; then
  report_runs+=("$here/results/classification-runs")
  [ -n "$list" ] && report_list=(--problems "$list")
fi
python3 "$here/report_classification.py" --runs "${report_runs[@]}" "${report_list[@]}" --anchors "$root/../shared/anchors" \
  --tune "$here/tune-problems.txt" --cli "$cli" --out "$here/results/$name_tag.md" \
  --legacy "$here/results/runs/default" \
  --command "$invocation"
