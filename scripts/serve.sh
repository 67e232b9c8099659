#!/usr/bin/env bash
# Builds the page (both WebAssembly builds: threaded and single-threaded, the `wasm` preset's
# tl_site target) and serves build/wasm/site/ on 127.0.0.1 with the COOP/COEP headers that let
# the threaded build run and a strict Content-Security-Policy
#   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
# (the page loads only its own files and evaluates no strings). Prints the URL; Ctrl+C stops.
#
#   bash scripts/serve.sh [--port N] [--no-build] [--build-only] [--no-isolation] [--no-csp]
#
#   --port N        port to listen on (default 8080, or the next free one)
#   --no-build      serve what is already built
#   --build-only    build the page and stop (scripts/run.sh --static copies it)
#   --no-isolation  leave out COOP/COEP (the page then runs the single-threaded build)
#   --no-csp        leave out the Content-Security-Policy header
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

port=8080
build=1
build_only=0
serve_args=()
csp=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --build-only) build_only=1; shift ;;
    --no-isolation) serve_args+=(--no-isolation); shift ;;
    --no-csp) csp=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve: unknown option '$1'" >&2; exit 2 ;;
  esac
done

site="build/wasm/site"
if [[ $build == 1 ]]; then
  bash scripts/setup.sh --quiet
  export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs it
  mkdir -p build/logs
  log="build/logs/serve-build.log"
  echo "serve: building the page (threaded and single-threaded WebAssembly; log: $log)"
  start=$SECONDS
  if ! { emcmake cmake --preset wasm && cmake --build --preset wasm -j2 --target tl_site; } \
      >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "serve: FAILED: page build (full log: $log)" >&2
    exit 1
  fi
  echo "serve: built in $((SECONDS - start)) s"
fi
if [[ $build_only == 1 ]]; then exit 0; fi
if [[ ! -f "$site/index.html" ]]; then
  echo "serve: $site/index.html is missing (run without --no-build)" >&2
  exit 1
fi
if [[ $csp == 1 ]]; then serve_args+=(--csp); fi
exec node web/serve.mjs --root "$site" --port "$port" "${serve_args[@]}"
