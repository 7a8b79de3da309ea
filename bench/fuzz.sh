#!/usr/bin/env bash
# Fuzzes every loader with libFuzzer (ASan + UBSan) for MINUTES in all, split
# evenly over the targets, starting from fuzz/corpus. Each run writes
# bench/results/fuzz-runs/<start>.md (executions, coverage, corpus growth and
# crashes per target); bench/results/fuzz.md sums every run kept there and
# replays every crash found so far against the current build: a crash that
# still reproduces is open. A crash's input is copied to bench/results/fuzz-crashes/
# to be fixed and then added to fuzz/corpus/TARGET as a reproducer.
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
start=$(date -u +%Y-%m-%dT%H%MZ)
work=$here/runs/fuzz/$start; mkdir -p "$work"
seconds=$(( minutes * 60 / ${#targets[@]} ))
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core fuzz || echo "-dirty")

# Fork mode with -ignore_crashes keeps a target fuzzing for its whole time after
# a crash (plain libFuzzer stops at the first); the seconds reported are measured.
fuzz_one() {
  local t=$1 began
  mkdir -p "$work/$t/corpus" "$work/$t/crashes"
  began=$(date +%s)
  "$build/fuzz/$t" "$work/$t/corpus" "$root/fuzz/corpus/$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 \
    -ignore_timeouts=1 -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$work/$t/crashes/" > "$work/$t/log" 2>&1 || true
  echo $(( $(date +%s) - began )) > "$work/$t/seconds"
}
export -f fuzz_one; export build work seconds root
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}'

mkdir -p "$here/results/fuzz-runs" "$here/results/fuzz-crashes"
{
  echo "## Run $start: \`bash bench/fuzz.sh $minutes --jobs $jobs\`, commit $commit"
  echo
  echo "clang $(clang --version | head -1 | grep -o '[0-9][0-9.]*' | head -1), $(nproc) cores shared with other work; ${seconds} s asked per target, *seconds* as measured; fork mode, so a target goes on after a crash."
  echo
  echo "| target | what it reads | seconds | executions | exec/s | coverage (edges) | features | corpus | crashes |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for t in "${targets[@]}"; do
    log=$work/$t/log
    what=$(sed -n '1s|^// libFuzzer target: ||p' "$root/fuzz/$t.cpp" | sed 's/[.,:;]$//')
    took=$(cat "$work/$t/seconds")
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#'); runs=${runs:-0}
    speed=$(( runs / (took > 0 ? took : 1) ))
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    n=0
    for c in "$work/$t/crashes/"*; do
      [ -e "$c" ] || continue
      cp "$c" "$here/results/fuzz-crashes/$t--$(basename "$c")"; n=$((n + 1))
    done
    echo "| $t | $what | $took | $runs | $speed | $cov | $ft | $corp | $n |"
  done
} > "$here/results/fuzz-runs/$start.md"

# The summary: every kept run, and each crash found so far replayed on this build.
{
  echo "# Fuzzing the loaders (libFuzzer, ASan + UBSan)"
  echo
  echo "Each target starts from its seeds in \`fuzz/corpus/TARGET\` (hand-written small files and the"
  echo "reproducer of every crash found so far, which \`tests/sanitizers.sh\` replays in the test command)."
  echo "A loader may refuse an input only with a \`DataError\` whose message is one printable line; any"
  echo "other exception, crash, leak or sanitizer report counts as a crash."
  echo
  total=0; found=0; open=0
  for f in "$here/results/fuzz-runs/"*.md; do
    s=$(grep '^| fuzz_' "$f" | awk -F'|' '{s += $4} END {print s + 0}')
    c=$(grep '^| fuzz_' "$f" | awk -F'|' '{s += $10} END {print s + 0}')
    total=$((total + s)); found=$((found + c))
  done
  crash_rows=""
  for c in "$here/results/fuzz-crashes/"*; do
    [ -e "$c" ] || continue
    t=$(basename "$c"); t=${t%%--*}
    if "$build/fuzz/$t" "$c" > /dev/null 2>&1; then state=fixed; else state=OPEN; open=$((open + 1)); fi
    crash_rows+="| $(basename "$c") | $t | $state |"$'\n'
  done
  echo "**In all: $((total / 60)) minutes of fuzzing over ${#targets[@]} targets, $found crash(es) found, $open open** (replayed on commit $commit)."
  echo
  if [ -n "$crash_rows" ]; then
    echo "| crash input (bench/results/fuzz-crashes) | target | on this build |"
    echo "|---|---|---|"
    printf '%s' "$crash_rows"
    echo
  fi
  for f in "$here/results/fuzz-runs/"*.md; do cat "$f"; echo; done
} > "$here/results/fuzz.md.tmp"
mv "$here/results/fuzz.md.tmp" "$here/results/fuzz.md"
cat "$here/results/fuzz.md"
