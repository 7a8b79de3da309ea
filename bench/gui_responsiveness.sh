#!/usr/bin/env bash
# Worst event-loop stall of the workbench while it trains a full default run
# on demo:CBF (the widget test's meter: a 5 ms timer, largest gap between
# ticks from Train until the finished run reaches the window). Writes
# bench/results/gui-responsiveness.md.
#
#   bash bench/gui_responsiveness.sh [ITERATIONS (default 200, the CBF default)] [REPEATS (default 3)]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
test_bin=${BTSF_WORKBENCH_TEST:-$root/build/tests/test_workbench}
iters=${1:-200}
repeats=${2:-3}
out=$here/results/gui-responsiveness.md
rows=""
for i in $(seq 1 "$repeats"); do
  log=$(QT_QPA_PLATFORM=offscreen BTSF_GUI_TRAIN_ITERS=$iters "$test_bin" opensDemoAndPlotsIt trainsAndStaysResponsive 2>&1)
  stall=$(grep -o 'stall while training [0-9]* iterations: [0-9]* ms' <<<"$log" | grep -o '[0-9]* ms$' || echo "failed")
  status=$(grep -q '^FAIL' <<<"$log" && echo "test failed" || echo "passed")
  rows+="| $i | $iters | $stall | $status |"$'\n'
  echo "repeat $i: worst stall $stall ($status)"
done
{
  echo "# Workbench responsiveness while training"
  echo
  echo "Worst gap between ticks of a 5 ms QTimer on the GUI thread, from the Train click until the"
  echo "finished run (probes, alignment analysis and saving included) reaches the window. Training"
  echo "runs on the worker QThread with one LibTorch thread; the GUI keeps the other core."
  echo "The target is no stall over 100 ms."
  echo
  echo "| repeat | iterations | worst stall | test |"
  echo "|---:|---:|---:|---|"
  printf '%s' "$rows"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%d)."
  echo "Other load at the time: $(uptime | sed 's/.*load average/load average/')."
  echo
  echo "Command: \`bash bench/gui_responsiveness.sh $iters $repeats\`"
} > "$out"
echo "wrote $out"
