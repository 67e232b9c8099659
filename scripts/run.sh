#!/usr/bin/env bash
# Builds TransferLab and runs the default scenario: installs what is missing (scripts/setup.sh),
# builds the native preset, then serves the page (scripts/serve.sh) or, without it, runs the
# basic-moons scenario on the command line and prints its results table.
#
#   bash scripts/run.sh [serve.sh options]
#   bash scripts/run.sh --static DIR [--no-build] [--site SITE]
#
# --static DIR writes a ready-to-copy folder for any static host instead: the built page
# (build/wasm/site: both builds, index.html, web/ with the fonts and the translations, sw.js at
# the root, and the examples where the build made them), and prints how to serve it. It builds
# the page first (the `wasm` preset's tl_site), unless --no-build; --site SITE copies another
# built site. DIR must be empty or not exist yet.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
caller_dir="$PWD"
cd "$root_dir"

static_dir=""
static_build=1
static_site="build/wasm/site"
if [[ "${1:-}" == --static ]]; then
  static_dir="${2:?run: --static needs a folder}"
  [[ "$static_dir" == /* ]] || static_dir="$caller_dir/$static_dir"
  shift 2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --no-build) static_build=0; shift ;;
      --site) static_site="${2:?run: --site needs a folder}"; static_build=0; shift 2
              [[ "$static_site" == /* ]] || static_site="$caller_dir/$static_site" ;;
      *) echo "run: unknown option '$1' with --static (use --no-build, --site SITE)" >&2; exit 2 ;;
    esac
  done
fi

if [[ -n "$static_dir" ]]; then
  if [[ -e "$static_dir" && ( ! -d "$static_dir" || -n "$(ls -A "$static_dir")" ) ]]; then
    echo "run: $static_dir exists and is not an empty folder (nothing was written)" >&2
    exit 2
  fi
  if [[ $static_build == 1 ]]; then
    bash scripts/serve.sh --build-only
  fi
  for f in index.html sw.js transferlab_mt.js transferlab_mt.wasm transferlab_st.js \
           transferlab_st.wasm web/loader.js web/coi.js web/fonts/zh.ttf web/i18n/zh.txt; do
    if [[ ! -f "$static_site/$f" ]]; then
      echo "run: $static_site is not a complete built site: $f is missing" \
           "(build it: bash scripts/run.sh --static DIR)" >&2
      exit 1
    fi
  done
  mkdir -p "$static_dir"
  out="$(realpath "$static_dir")"
  # The site as built, without the build's own partial files; links are copied as files.
  (cd "$static_site" && find -L . -type f ! -name '*.partial' -print0 | xargs -0 cp --parents -L -t "$out")
  files=$(find "$out" -type f | wc -l)
  size=$(du -sh "$out" | cut -f1)
  cat <<EOF
run: wrote $out ($files files, $size): a plain static folder.
  Copy it as it is to any static host (GitHub Pages, GitLab Pages, Netlify, an S3 bucket, nginx,
  a university web folder), over HTTPS (service workers need a secure context; localhost counts).
  No server settings are needed: on the first visit web/coi.js registers sw.js, which adds the
  cross-origin isolation headers, and reloads the page once, so it runs the threaded build. Where
  that is not possible the page runs the single-threaded build. ?coi=0 opts out.
  Hosts that can send headers may send COOP/COEP themselves (see README, Static hosting).
  Try it here, served like a plain static host (no headers):
    node $root_dir/web/serve.mjs --root $out --no-headers --port 8080
  or: python3 -m http.server --directory $out 8080
EOF
  exit 0
fi

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
