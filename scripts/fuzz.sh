#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; preset `fuzz`) and runs each for a fixed
# number of executions from its seed corpus in tests/fuzz/corpus/NAME.
#   bash scripts/fuzz.sh            # 200000 executions per target (the documented run)
#   bash scripts/fuzz.sh 20000      # a short run (the test command uses this)
# A crash leaves its input in build/fuzz/crashes/; add it to the regression tests.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"
runs="${1:-200000}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 >/dev/null

mkdir -p build/fuzz/crashes build/fuzz/work
total=0
for target in build/fuzz/fuzz_*; do
  [[ -x "$target" ]] || continue
  name="$(basename "$target")"
  corpus="tests/fuzz/corpus/${name#fuzz_}"
  work="build/fuzz/work/${name#fuzz_}"
  mkdir -p "$work"
  log="build/fuzz/$name.log"
  start=$SECONDS
  if ! "$target" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix=build/fuzz/crashes/ "$work" "$corpus" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $name FAILED (see $log and build/fuzz/crashes/)" >&2
    exit 1
  fi
  execs="$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "$runs")"
  total=$((total + execs))
  echo "fuzz: $name ok: $execs executions, no crash ($((SECONDS - start)) s)"
done
echo "fuzz: $total executions in all"
