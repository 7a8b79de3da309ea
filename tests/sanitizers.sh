#!/usr/bin/env bash
# The sanitizer check of the test command (CI): builds the torch-free btsf_base,
# its tests and the libFuzzer targets with clang, ASan and UBSan (build-fuzz/),
# runs those tests and replays every input of fuzz/corpus (seeds and the
# reproducers of crashes found so far) through its loader once. Cheap: no torch
# code is compiled. Exits non-zero on the first failure or sanitizer report.
#   bash tests/sanitizers.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${BTSF_FUZZ_BUILD_DIR:-$root/build-fuzz}}
targets=(fuzz_classification fuzz_forecast_csv fuzz_npy fuzz_anomaly_text fuzz_config)
tests=(test_loaders test_forecast_data test_anomaly_loaders test_anomaly_data test_config test_run_record
       test_metrics test_rank_statistics)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DBTSF_FUZZ=ON -DBTSF_BUILD_GUI=OFF -DBUILD_TESTING=ON > "$build.configure.log" 2>&1 ||
  { tail -20 "$build.configure.log"; exit 1; }
cmake --build "$build" -j "${BTSF_JOBS:-2}" --target "${targets[@]}" "${tests[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${tests[@]}"; do
  echo "== $t (ASan + UBSan)"
  QT_QPA_PLATFORM=offscreen "$build/tests/$t" > "$build/$t.log" 2>&1 || { tail -30 "$build/$t.log"; exit 1; }
  grep -h "^Totals" "$build/$t.log"
done
for t in "${targets[@]}"; do
  echo "== $t: replaying $(ls "$root/fuzz/corpus/$t" | wc -l) inputs of fuzz/corpus/$t"
  "$build/fuzz/$t" -runs=0 "$root/fuzz/corpus/$t" > "$build/$t.replay.log" 2>&1 ||
    { tail -30 "$build/$t.replay.log"; exit 1; }
done
echo "sanitizers: all tests and corpus inputs clean"
