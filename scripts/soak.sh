#!/usr/bin/env bash
# The documented soak run: trains basic-moons, finetune-moons and dann-moons for STEPS steps each
# (after a warm-up), with the metrics and a 64x64 heatmap prediction every 500 steps, and checks
# that resident memory does not grow (at most 1 MB after warm-up). It is the test case
# "resident memory does not grow over many training steps" (tests/scenarios/test_soak.cpp),
# which the test command runs with 20000 steps; here with TL_SOAK_STEPS=STEPS. Linux only.
#
#   bash scripts/soak.sh [--no-build] [STEPS]
#
#   STEPS       steps per scenario (default 200000)
#   --no-build  use the test binary as it is built
# SOAK_BUILD_DIR=DIR uses that (configured) build folder instead of build/native.
# Prints one line per scenario: steps, resident memory after warm-up and at the end, the delta.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

steps=200000
build_step=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build_step=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *[!0-9]*|'') echo "soak.sh: unknown argument '$arg'" >&2; exit 2 ;;
    *) steps="$arg" ;;
  esac
done

build_dir="${SOAK_BUILD_DIR:-build/native}"
if [ "$build_step" = 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$build_dir" -j"$(nproc)" --target tl_tests
fi

start=$(date +%s)
TL_SOAK_STEPS="$steps" "$build_dir/tl_tests" -ts="scenarios/soak" --no-intro=true
echo "soak: $steps steps per scenario in $(( $(date +%s) - start )) s"
