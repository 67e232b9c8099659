#!/usr/bin/env bash
# Builds TransferLab and runs the default scenario: installs what is missing (scripts/setup.sh),
# builds the native preset, then serves the page (scripts/serve.sh) or, without it, runs the
# basic-moons scenario on the command line and prints its results table.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

bash scripts/setup.sh --quiet

mkdir -p build/logs
build_log="build/logs/run-build.log"
if ! { cmake --preset native && cmake --build --preset native -j2; } >"$build_log" 2>&1; then
  tail -n 80 "$build_log" >&2
  echo "run: FAILED: native build (full log: $build_log)" >&2
  exit 1
fi

if [[ -f scripts/serve.sh ]]; then
  exec bash scripts/serve.sh "$@"
fi
exec build/native/transferlab run basic-moons "$@"
