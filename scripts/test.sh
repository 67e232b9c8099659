#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh --browser), checks the formatting
# of the C++ sources (scripts/check_format.sh), builds and tests the native preset, the sanitizer
# preset (ASan + UBSan, short fuzz runs), then the WebAssembly preset, then the browser
# end-to-end tests.
# Each step's output goes to build/logs/STEP.log and is shown only when the step fails.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

bash scripts/setup.sh --browser --quiet

logs="build/logs"
total_passed=0
mkdir -p "$logs"

# step NAME CMD...: run CMD with its output in build/logs/NAME.log; on failure show the log's end
# and stop with a non-zero status.
step() {
  local name="$1"; shift
  local log="$logs/$name.log" start=$SECONDS status=0
  "$@" >"$log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    echo "---- $log (last 80 lines) ----" >&2
    tail -n 80 "$log" >&2
    echo "------------------------------" >&2
    echo "test: FAILED: $name (status $status; full log: $log)" >&2
    exit "$status"
  fi
  local summary="" n=""
  summary="$(grep -E 'tests passed|tests failed' "$log" | tail -n 1 || true)"
  n="$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -n 1)"
  total_passed=$((total_passed + ${n:-0}))
  echo "test: $name ok ($((SECONDS - start)) s)${summary:+ - $summary}"
}

# Formatting: every C++ file under src/, tests/ and bench/ as .clang-format says.
step format bash scripts/check_format.sh

# Native build and unit tests.
step native-configure cmake --preset native
step native-build cmake --build --preset native -j2
step native-test ctest --preset native --output-on-failure

# The same tests, the CLI and the libFuzzer targets built with AddressSanitizer +
# UndefinedBehaviorSanitizer (clang); CTest also runs each fuzz target briefly (label `fuzz`).
# Any sanitizer report fails the step.
step sanitize-configure cmake --preset sanitize
step sanitize-build cmake --build --preset sanitize -j2
step sanitize-test ctest --preset sanitize --output-on-failure

# WebAssembly build; under node the core, data and scenario suites of the unit tests (the
# transfer methods are compared end to end with the native CLI by the parity test). Debian's emcc
# needs NODE_PATH.
if [[ -f cmake/wasm.cmake ]]; then
  step wasm-configure env NODE_PATH=/usr/share/nodejs emcmake cmake --preset wasm
  step wasm-build env NODE_PATH=/usr/share/nodejs cmake --build --preset wasm -j2
  step wasm-test env NODE_PATH=/usr/share/nodejs ctest --preset wasm --output-on-failure
fi

# Browser end-to-end tests (headless chromium through playwright-core).
if [[ -f tests/e2e/run.sh ]]; then
  step e2e bash tests/e2e/run.sh
fi

echo "test: all ok"
echo "ctest: $total_passed passed, 0 failed"
