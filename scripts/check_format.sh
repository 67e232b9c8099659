#!/usr/bin/env bash
# Checks that every C++ file under src/, tests/ and bench/ is formatted as .clang-format says
# (Debian's clang-format 14, installed by scripts/setup.sh). Prints the offending lines and fails
# when one is not; `--fix` formats them in place instead.
#
#   bash scripts/check_format.sh [--fix]
#
# Every file is checked, not only those changed since some base: a fresh CI clone may be shallow
# or have no base branch to compare with, and the whole tree takes a few seconds. Files are those
# git knows (tracked, and untracked ones that are not ignored); outside a git checkout, all of
# them.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

fix=0
for arg in "$@"; do
  case "$arg" in
    --fix) fix=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "check_format: unknown option '$arg' (use --fix)" >&2; exit 2 ;;
  esac
done

# Formatting differs between clang-format versions: prefer the versioned binary .clang-format was
# written for.
clang_format=""
for c in clang-format-14 clang-format; do
  if command -v "$c" >/dev/null 2>&1; then clang_format="$c"; break; fi
done
if [[ -z "$clang_format" ]]; then
  echo "check_format: clang-format not found (run scripts/setup.sh)" >&2
  exit 2
fi

dirs=(src tests bench)
pattern='\.(cpp|h)$'
files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  while IFS= read -r -d '' f; do
    [[ "$f" =~ $pattern && -f "$f" ]] && files+=("$f")
  done < <(git ls-files -z --cached --others --exclude-standard -- "${dirs[@]}")
else
  while IFS= read -r -d '' f; do files+=("$f"); done \
    < <(find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) -print0 2>/dev/null)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "check_format: no C++ files found under ${dirs[*]}" >&2
  exit 2
fi

if [[ $fix == 1 ]]; then
  "$clang_format" -i --style=file "${files[@]}"
  echo "check_format: formatted ${#files[@]} files ($("$clang_format" --version))"
  exit 0
fi

if ! "$clang_format" --dry-run -Werror --style=file "${files[@]}"; then
  echo "check_format: FAILED: files above differ from .clang-format" \
       "(fix: bash scripts/check_format.sh --fix)" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files ok ($("$clang_format" --version))"
