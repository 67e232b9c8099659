#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; preset `sanitize`, build preset `fuzz`) and
# runs each for a fixed number of executions, starting from its seed corpus in
# tests/fuzz/corpus/NAME plus what earlier runs found.
#
#   bash scripts/fuzz.sh [--fresh] [--no-build] [RUNS] [NAME...]
#
#   RUNS        executions per target (default 200000: the documented run; the test command runs a
#               short 20000 through CTest, label `fuzz`)
#   NAME        only these targets (csv, attributes, model, url_state; default all)
#   --fresh     forget what earlier runs found (start from the seed corpus only)
#   --no-build  run the targets as they are built (no configure or build step)
#
# Per target it prints the executions done, the coverage before and after (libFuzzer's `cov`
# edges and `ft` features), the corpus size and the seconds taken; the same lines go to
# build/sanitize/fuzz/summary.txt. A crash stops the script and leaves the input in
# build/sanitize/fuzz/crashes/: fix the code, then put the input in
# tests/fuzz/regressions/NAME/ (the seed folder of the next runs) and add a unit test for it.
# FUZZ_BUILD_DIR=DIR uses an already configured build folder instead of the preset's.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

runs=200000
fresh=0
build_step=1
only=()
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    --no-build) build_step=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    ''|-*) echo "fuzz: unknown option '$arg' (use [--fresh] [--no-build] [RUNS] [NAME...])" >&2
           exit 2 ;;
    *[!0-9]*)
      [[ -f "tests/fuzz/fuzz_$arg.cpp" ]] || { echo "fuzz: no target '$arg'" >&2; exit 2; }
      only+=("fuzz_$arg") ;;
    *) runs="$arg" ;;
  esac
done

targets=()
for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
[[ ${#only[@]} -gt 0 ]] && targets=("${only[@]}")

build="${FUZZ_BUILD_DIR:-build/sanitize}"
if [[ $build_step == 1 ]]; then
  [[ -n "${FUZZ_BUILD_DIR:-}" ]] || cmake --preset sanitize >/dev/null
  cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
fi

out="$build/fuzz"
mkdir -p "$out/crashes" "$out/work"
summary="$out/summary.txt"
{
  echo "# scripts/fuzz.sh $runs executions per target, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "# target  executions  seconds  exec/s  cov(seeds->end)  ft(seeds->end)  corpus(files)  new"
} >"$summary"

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

# field LINE NAME: the number after "NAME: " in a libFuzzer status line.
field() { sed -n "s/.* $2: \([0-9]*\).*/\1/p" <<<"$1"; }

total=0
for name in "${targets[@]}"; do
  short="${name#fuzz_}"
  work="$out/work/$short"
  [[ $fresh == 1 ]] && rm -rf "$work"
  mkdir -p "$work"
  seeds=("tests/fuzz/corpus/$short")
  [[ -d "tests/fuzz/regressions/$short" ]] && seeds+=("tests/fuzz/regressions/$short")
  log="$out/$name.log"
  start=$SECONDS
  if ! "$build/$name" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/crashes/" "$work" "${seeds[@]}" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $name FAILED after $((SECONDS - start)) s (log: $log; input: $out/crashes/)" >&2
    echo "$name FAILED (see $log)" >>"$summary"
    exit 1
  fi
  secs=$((SECONDS - start))
  inited="$(grep -m1 'INITED' "$log" || true)"
  done_line="$(grep 'DONE' "$log" | tail -n 1 || true)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  added="$(sed -n 's/^stat::new_units_added: *//p' "$log")"
  corp="$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$done_line")"
  line="$name  ${execs:-?}  $secs  ${rate:-?}  $(field "$inited" cov)->$(field "$done_line" cov)"
  line+="  $(field "$inited" ft)->$(field "$done_line" ft)  ${corp:-?}  ${added:-?}"
  echo "$line" >>"$summary"
  total=$((total + ${execs:-0}))
  echo "fuzz: $name ok: ${execs:-?} executions in $secs s (${rate:-?}/s), no crash;" \
       "cov $(field "$inited" cov) -> $(field "$done_line" cov)," \
       "corpus ${corp:-?} (${added:-?} new inputs)"
done
echo "# total $total executions, no crash" >>"$summary"
echo "fuzz: $total executions in all, no crash (summary: $summary)"
