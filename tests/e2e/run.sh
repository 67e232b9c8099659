#!/usr/bin/env bash
# Browser end-to-end tests of the page (tests/e2e/e2e.mjs): playwright-core driving Debian's
# chromium, headless with SwiftShader WebGL2, against build/wasm/site (built here if missing) or
# another built site: --site DIR, or TL_SITE_DIR=DIR in the environment.
# Screenshots go to tests/e2e/artifacts/.
#
#   bash tests/e2e/run.sh [--site DIR] [--docs] [--only NAME]
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root_dir"

default_site="build/wasm/site"
site="${TL_SITE_DIR:-$default_site}"
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == --site ]]; then j=$((i + 1)); site="${!j}"; fi
done

if [[ ! -f "$site/transferlab_mt.js" || ! -f "$site/transferlab_st.js" || ! -f "$site/index.html" ]]; then
  if [[ "$site" != "$default_site" ]]; then
    echo "e2e: $site is not a built site (transferlab_mt.js, transferlab_st.js, index.html)" >&2
    exit 1
  fi
  echo "e2e: building the page (wasm preset, target tl_site)"
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake --preset wasm >/dev/null
  cmake --build --preset wasm -j2 --target tl_site
fi
if [[ ! -x /usr/bin/chromium && -z "${TL_CHROMIUM:-}" ]]; then
  echo "e2e: /usr/bin/chromium is missing (bash scripts/setup.sh --browser installs it)" >&2
  exit 1
fi
if [[ ! -f node_modules/playwright-core/package.json ]]; then
  echo "e2e: node_modules/playwright-core is missing (bash scripts/setup.sh --browser installs it)" >&2
  exit 1
fi
if [[ " $* " == *" --site "* ]]; then
  exec node tests/e2e/e2e.mjs "$@"
fi
exec node tests/e2e/e2e.mjs --site "$site" "$@"
