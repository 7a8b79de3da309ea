#!/usr/bin/env bash
# Ablation benchmark (spec §10, paper Fig. 3 and Table 6), two grids of
# btsf-cli compare on the same UCR problems and seeds:
#   augmentations: every augmentation (dropout, layer-wise dropout and the 12
#                  Iwana & Uchida methods), all with the base fusion;
#   fusion:        every fusion mode, all with the base augmentation.
# The base is a preset (--preset; sum-fusion, the first base, by default) with
# --base-fusion (iterative) and --base-augmentation (dropout): the cells
# change one of those two keys and nothing else.
# Each grid keeps its finished cells (small JSON, committed) under
# bench/results/ablations/<grid>/cells, so an interrupted run resumes, also
# from a fresh clone. Then writes bench/results/ablations.md.
#
#   bash bench/run_ablations.sh [--data-root DIR] [--grids "augmentations fusion"] [--jobs N]
#                               [--iters N] [--seeds N] [--threads N] [--datasets "A B ..."]
#                               [--preset P] [--base-fusion F] [--base-augmentation A]
#                               [--split N] [--results DIR]
# --split N runs each grid as N processes on shares of the problems, side by
# side (cells are one file each), then summarises it over all of them.
# Results go to bench/results/ablations (sum-fusion) or ablations-PRESET.
# Kept cells belong to the options that made them (options.txt in the
# results folder): other --iters, --seeds or --datasets need another --results.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${BTSF_CLI:-$root/build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$root/../shared/datasets}
results=""
grids="augmentations fusion"; jobs=2; iters=100; seeds=3; threads=1; split=1
preset=sum-fusion; base_fusion=iterative; base_augmentation=dropout
# Short UCR problems (15 to 96 steps), so the 19-method x 3-seed grid fits a
# session on two cores; their default-preset SVM accuracies (0.73 to 0.99)
# leave room on both sides.
datasets="SmoothSubspace ItalyPowerDemand SyntheticControl SonyAIBORobotSurface1 SonyAIBORobotSurface2 TwoLeadECG MoteStrain ECG200"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-root) data_root=$2; shift 2 ;;
    --grids) grids=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --datasets) datasets=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --base-fusion) base_fusion=$2; shift 2 ;;
    --base-augmentation) base_augmentation=$2; shift 2 ;;
    --split) split=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$results" ]; then
  results=$here/results/ablations; [ "$preset" = sum-fusion ] || results=$here/results/ablations-$preset
fi
logs=$here/runs/$(basename "$results")   # progress logs: not committed
mkdir -p "$logs"
mkdir -p "$results"
options="iters=$iters seeds=$seeds datasets=$datasets"
[ "$preset" = sum-fusion ] && [ "$base_fusion" = iterative ] && [ "$base_augmentation" = dropout ] ||
  options="$options preset=$preset base=$base_augmentation/$base_fusion"
if [ -f "$results/options.txt" ] && [ "$(cat "$results/options.txt")" != "$options" ]; then
  echo "$results holds cells made with other options ($(cat "$results/options.txt")); choose another --results" >&2
  exit 2
fi
echo "$options" > "$results/options.txt"
all_augmentations=dropout,layerwise-dropout,jitter,scaling,rotation,permutation,magnitude-warp,time-warp,window-slice,window-warp,spawner,wdba,rgw,dgw
all_fusions=iterative,bilinear,sum,concat,temporal,spectral

run_grid() {
  local grid=$1 augmentations fusions
  case "$grid" in
    augmentations) augmentations=$all_augmentations; fusions=$base_fusion ;;
    fusion) augmentations=$base_augmentation; fusions=$all_fusions
      # Its base cells are the augmentation grid's (same config and seed,
      # deterministic on the CPU): reuse those already finished.
      for kept in "$results"/augmentations/cells/*/"${base_augmentation}__${base_fusion}"__s*.json; do
        [ -e "$kept" ] || continue
        local target=$results/fusion/cells/$(basename "$(dirname "$kept")")
        mkdir -p "$target" && { [ -e "$target/${kept##*/}" ] || cp "$kept" "$target/"; }
      done ;;
    *) echo "unknown grid $grid" >&2; return 2 ;;
  esac
  mkdir -p "$results/$grid"
  compare() {  # compare LOG DATASET...
    local log=$1; shift
    OMP_NUM_THREADS=$threads "$cli" compare "$@" --data-root "$data_root" --preset "$preset" \
      --augmentations "$augmentations" --fusion "$fusions" --seeds "$seeds" --iters "$iters" \
      --threads "$threads" --out "$results/$grid" > "$log" 2>&1 || echo "FAILED grid $grid: $(tail -1 "$log")"
  }
  local -a all
  read -r -a all <<< "$datasets"
  if [ "$split" -gt 1 ]; then
    for ((k = 0; k < split; k++)); do
      local -a share=()
      for ((i = k; i < ${#all[@]}; i += split)); do share+=("${all[i]}"); done
      [ ${#share[@]} -eq 0 ] || compare "$logs/$grid.share$k.log" "${share[@]}" &
    done
    wait
  fi
  compare "$logs/$grid.log" "${all[@]}"  # with --split: every cell is kept, so this only summarises
}
export -f run_grid
export results logs data_root cli threads datasets iters seeds all_augmentations all_fusions preset split \
  base_fusion base_augmentation
# One process per grid: they write to different folders.
printf '%s\n' $grids | xargs -P "$jobs" -L 1 bash -c 'run_grid $0'

classification_runs=()
[ "$preset" = sum-fusion ] || classification_runs=(--classification-runs "$here/results/classification-runs")
python3 "$here/report_ablations.py" --results "$results" --out "${results%/}.md" --iters "$iters" \
  --preset "$preset" --base-fusion "$base_fusion" --base-augmentation "$base_augmentation" "${classification_runs[@]}" \
  --command "bash bench/run_ablations.sh --grids \"$grids\" --preset $preset --base-fusion $base_fusion --base-augmentation $base_augmentation --jobs $jobs --split $split --iters $iters --seeds $seeds --threads $threads --datasets \"$datasets\""
