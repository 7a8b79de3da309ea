#!/usr/bin/env bash
# Fuzzes every loader with libFuzzer (ASan + UBSan) for MINUTES in all, split
# evenly over the targets, starting from fuzz/corpus; writes bench/results/fuzz.md
# (executions, coverage, corpus growth, crashes per target). New corpus entries
# stay in a scratch folder; a crash's reproducer is copied to
# bench/results/fuzz-crashes/ to be fixed and then added to fuzz/corpus/TARGET.
#   bash bench/fuzz.sh MINUTES [--jobs N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
minutes=${1:?usage: bench/fuzz.sh MINUTES [--jobs N]}
shift
jobs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
build=${BTSF_FUZZ_BUILD_DIR:-$root/build-fuzz}
targets=(fuzz_classification fuzz_forecast_csv fuzz_npy fuzz_anomaly_text fuzz_config)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DBTSF_FUZZ=ON -DBTSF_BUILD_GUI=OFF > "$build.configure.log" 2>&1
cmake --build "$build" -j 2 --target "${targets[@]}" > "$build.build.log"
work=$here/runs/fuzz; mkdir -p "$work"
seconds=$(( minutes * 60 / ${#targets[@]} ))
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core fuzz || echo "-dirty")
start=$(date -u +%Y-%m-%dT%H:%MZ)

fuzz_one() {
  local t=$1
  mkdir -p "$work/$t/corpus" "$work/$t/crashes"
  "$build/fuzz/$t" "$work/$t/corpus" "$root/fuzz/corpus/$t" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -artifact_prefix="$work/$t/crashes/" -print_final_stats=1 > "$work/$t/log" 2>&1 || true
}
export -f fuzz_one; export build work seconds root
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}'

mkdir -p "$here/results/fuzz-crashes"
{
  echo "# Fuzzing the loaders (libFuzzer, ASan + UBSan)"
  echo
  echo "Command: \`bash bench/fuzz.sh $minutes --jobs $jobs\`, started $start, commit $commit; clang $(clang --version | head -1 | grep -o '[0-9][0-9.]*' | head -1), $(nproc) cores shared with other work."
  echo "Each target runs ${seconds} s from its seeds in \`fuzz/corpus/TARGET\` (hand-written small files and the reproducers of every crash found so far). A loader may refuse an input only with a \`DataError\` whose message is one printable line; any other exception, crash, leak or sanitizer report counts as a crash."
  echo
  echo "| target | what it reads | seconds | executions | exec/s | coverage (edges) | features | corpus | crashes |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  total=0; crashes=0
  for t in "${targets[@]}"; do
    log=$work/$t/log
    what=$(sed -n '1s|^// libFuzzer target: ||p' "$root/fuzz/$t.cpp" | sed 's/[.,:;]$//')
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    n=$(ls "$work/$t/crashes" | wc -l)
    cp "$work/$t/crashes/"* "$here/results/fuzz-crashes/" 2>/dev/null || true
    echo "| $t | $what | $seconds | $runs | $speed | $cov | $ft | $corp | $n |"
    total=$((total + seconds)); crashes=$((crashes + n))
  done
  echo
  echo "Total: $((total / 60)) minutes of fuzzing, $crashes crash(es)."
} > "$here/results/fuzz.md.tmp"
mv "$here/results/fuzz.md.tmp" "$here/results/fuzz.md"
cat "$here/results/fuzz.md"
