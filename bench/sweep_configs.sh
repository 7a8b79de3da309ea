#!/usr/bin/env bash
# Compares config variants on a set of problems, for choosing the `default`
# preset. Each variant is a JSON file in bench/configs/. Resumable.
#   bash bench/sweep_configs.sh "GunPoint ECG200 CBF" "configs/a.json configs/b.json" [seeds] [jobs]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${BTSF_CLI:-$here/../build/app/cli/btsf-cli}
data_root=${BTSF_DATA_ROOT:-$here/../../shared/datasets}
problems=$1; configs=$2; seeds=${3:-0}; jobs=${4:-2}
out=$here/sweeps
tasks=()
for p in $problems; do for c in $configs; do for s in $seeds; do tasks+=("$p $c $s"); done; done; done
one() {
  local p=$1 c=$2 s=$3 name; name=$(basename "$c" .json)
  local dir="$out/$name/$p/seed$s"
  [ -f "$dir/metrics.json" ] && return 0
  mkdir -p "$dir"
  OMP_NUM_THREADS=1 "$cli" classify "$p" --data-root "$data_root" --config "$here/$c" --seed "$s" --threads 1 \
     --probe svm --out "$dir" > "$dir.log" 2>&1 || echo "FAILED $p $c $s"
}
export -f one; export out cli data_root here
printf '%s\n' "${tasks[@]}" | xargs -P "$jobs" -L 1 bash -c 'one $0 $1 $2'
python3 "$here/summarize_sweep.py" "$out" $configs
