#!/usr/bin/env bash
# One-stop set-up for a fresh Debian 12 machine (run as root or with sudo).
#   bash packaging/debian-setup.sh demo   install, build, run classification on the built-in CBF demo
#   bash packaging/debian-setup.sh test   install, build, run the whole test suite
# Installs only the packages that are missing, so a second run is fast.
set -euo pipefail
mode=${1:-demo}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BTSF_BUILD_DIR:-$root/build}

packages=(
  build-essential cmake ninja-build ccache pkg-config dpkg-dev
  libtorch-dev libopenblas0-pthread   # without OpenBLAS LibTorch's BLAS is ~30x slower
  libgloo-dev   # the Gloo headers that c10d's ProcessGroupGloo.hpp includes (data-parallel training)
  libhdf5-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libsvm-dev
  libeigen3-dev libblas-dev   # PCA's eigen-solver; the C BLAS header (cblas.h) of the linear probe
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev libgl1-mesa-dev
  xvfb
  clang   # libFuzzer, ASan and UBSan for the sanitizer check of the loaders (tests/sanitizers.sh)
  help2man lintian   # the .deb's manual pages, and its check (tests: deb_lintian)
  clang-format python3   # the house checks of the tests: .clang-format and the layer order of includes
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== configuring and building in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
# Two jobs fit in 24 GB even for the torch-heavy translation units.
cmake --build "$build" -j "${BTSF_JOBS:-2}"

# Point the programs at the public archives when they sit beside the checkout.
if [ -z "${BTSF_DATA_ROOT:-}" ] && [ -d "$root/../shared/datasets" ]; then
  export BTSF_DATA_ROOT="$root/../shared/datasets"
fi

case "$mode" in
  demo)
    workbench="$build/app/workbench/btsf-workbench"
    # On a desktop (X11 or Wayland) the window is the demo; BTSF_DEMO_CLI=1 asks
    # for the terminal one anyway, BTSF_DEMO_SCREENSHOT=FILE saves the window and quits.
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$workbench" ] && [ -z "${BTSF_DEMO_CLI:-}" ]; then
      echo "== opening the workbench on demo:CBF: click Train on the Train tab"
      if [ -n "${BTSF_DEMO_SCREENSHOT:-}" ]; then
        exec "$workbench" demo:CBF --screenshot "$BTSF_DEMO_SCREENSHOT"
      fi
      exec "$workbench" demo:CBF
    fi
    "$build/app/cli/btsf-cli" classify demo:CBF --out "${BTSF_DEMO_OUT:-$root/runs/demo-CBF}" --probe both --force
    if [ -x "$workbench" ]; then
      echo "== no display here, so the demo ran in the terminal. On a desktop, the window:"
      echo "     $workbench demo:CBF"
      echo "   or without one, a picture of it:"
      echo "     xvfb-run -a $workbench demo:CBF --screenshot cbf.png"
    fi
    ;;
  test)
    (cd "$build" && ctest --output-on-failure -j 1 --timeout 1200)
    # The loaders again under ASan and UBSan, with every fuzzing seed and reproducer.
    bash "$root/tests/sanitizers.sh"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
