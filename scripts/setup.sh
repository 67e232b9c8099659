#!/usr/bin/env bash
# Installs what TransferLab needs to build and test, skipping whatever is already present.
#
#   bash scripts/setup.sh [--browser] [--quiet]
#
#   --browser  also the browser-test dependencies (chromium, fonts, npm playwright-core)
#   --quiet    print nothing on success
#
# Steps (each one only when its result is missing):
#   1. Debian packages: emscripten libeigen3-dev doctest-dev binaryen cmake g++, clang-14
#      libclang-rt-14-dev for the sanitizer and fuzzing build, clang-format for the format check
#      (scripts/check_format.sh), fonttools python3-fonttools fonts-wqy-microhei for the page's
#      Chinese font subset (scripts/build_cjk_font.py: WenQuanYi Micro Hei has TrueType outlines,
#      which the page's font renderer reads) (+ chromium fonts-liberation with --browser).
#   2. Dear ImGui 1.86 sources into third_party/imgui/ from Debian's source package `imgui`
#      (adds a deb-src entry, /etc/apt/sources.list.d/transferlab-src.sources, if needed).
#   3. Real data sets into third_party/data/ from Debian's python3-sklearn package (downloaded
#      and unpacked only, not installed): digits.csv (UCI optdigits, CC BY 4.0), iris.csv,
#      wine_data.csv, breast_cancer.csv.
#   4. With --browser: npm install of playwright-core (package.json) into node_modules/.
#
# Needs root or sudo only when something has to be installed. Runs with no standard input
# (CI=true) and runs `apt-get update` at most once. A failure ends with one line naming the step.
#
# Note: emcc/em++/emcmake from Debian need NODE_PATH=/usr/share/nodejs in the environment
# (else "Cannot find module 'acorn'"); this script cannot export it to its caller.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

browser=0
quiet=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    --quiet) quiet=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option '$arg' (use --browser, --quiet)" >&2; exit 2 ;;
  esac
done

imgui_dir="third_party/imgui"
data_dir="third_party/data"
src_list="/etc/apt/sources.list.d/transferlab-src.sources"
src_list_oneline="/etc/apt/sources.list.d/transferlab-src.list"

work=""
log="$(mktemp -t transferlab-setup.XXXXXX.log)"
cleanup() {
  [[ -n "$work" && -d "$work" ]] && rm -rf "$work"
  rm -f "$log"
}
trap cleanup EXIT

say() { [[ $quiet == 1 ]] || echo "setup: $*"; }

# fail STEP MESSAGE: show the end of the log, then one line naming the step.
fail() {
  if [[ -s "$log" ]]; then
    echo "---- setup log (last 30 lines) ----" >&2
    tail -n 30 "$log" >&2
    echo "-----------------------------------" >&2
  fi
  echo "setup: FAILED in step '$1': $2" >&2
  exit 1
}

# run STEP CMD...: run a command with its output going to the log; on failure, fail STEP.
run() {
  local step="$1"; shift
  echo "+ $*" >>"$log"
  "$@" >>"$log" 2>&1 || fail "$step" "'$*' exited with status $?"
}

sudo_cmd=()
need_root() {  # need_root STEP
  if [[ $(id -u) -eq 0 ]]; then
    sudo_cmd=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    fail "$1" "must run as root (or with sudo available) to install missing system packages"
  fi
}

apt_env=(env DEBIAN_FRONTEND=noninteractive)
apt_opts=(-q -o DPkg::Lock::Timeout=300 -o APT::Get::Assume-Yes=true)

is_installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" || return 1
  [[ "$status" == *" ok installed" ]]
}

# A temp dir the _apt user can write to, so apt downloads stay sandboxed when run as root.
work_dir() {
  if [[ -z "$work" ]]; then
    work="$(mktemp -d -t transferlab-setup.XXXXXX)"
    chmod 755 "$work"
    if [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
  fi
}

# ---------------------------------------------------------------------------------------------
# Plan: what is missing, and whether the package lists need one `apt-get update`.
# ---------------------------------------------------------------------------------------------
need_imgui=0; [[ -f "$imgui_dir/imgui.cpp" ]] || need_imgui=1
need_data=0;  [[ -f "$data_dir/digits.csv" ]] || need_data=1
need_npm=0
if [[ $browser == 1 && ! -f node_modules/playwright-core/package.json ]]; then need_npm=1; fi

packages=(emscripten libeigen3-dev doctest-dev binaryen cmake g++ clang-14 libclang-rt-14-dev
          clang-format fonttools python3-fonttools fonts-wqy-microhei)
[[ $need_imgui == 1 ]] && packages+=(xz-utils)
if [[ $browser == 1 ]]; then
  packages+=(chromium fonts-liberation)
  # Debian's nodejs ships npm separately; other node builds bundle it (do not mix them).
  [[ $need_npm == 1 ]] && ! command -v npm >/dev/null 2>&1 && packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do is_installed "$p" || missing+=("$p"); done

has_imgui_source() { apt-cache showsrc imgui 2>/dev/null | grep -q '^Package: imgui$'; }

# Adds a deb-src entry mirroring the machine's first Debian source; returns 0 if it wrote one.
add_deb_src() {
  local content=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    # First stanza with Types containing "deb", comments dropped, Types replaced.
    content="$(awk '
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { if (n && isdeb) exit; n = 0; isdeb = 0; buf = ""; next }
      /^Types:/ { if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) isdeb = 1; buf = buf "Types: deb-src\n"; n++; next }
      { buf = buf $0 "\n"; n++ }
      END { if (n && isdeb) printf "%s", buf }
      ' /etc/apt/sources.list.d/debian.sources)"
    [[ -n "$content" ]] || return 1
    printf '# Source packages for TransferLab (scripts/setup.sh fetches Dear ImGui with them).\n%s\n' \
      "$content" | "${sudo_cmd[@]}" tee "$src_list" >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    local line
    line="$(grep -m1 -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list || true)"
    [[ -n "$line" ]] || return 1
    printf '# Source packages for TransferLab (scripts/setup.sh fetches Dear ImGui with them).\n%s\n' \
      "$(sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' <<<"$line")" \
      | "${sudo_cmd[@]}" tee "$src_list_oneline" >/dev/null
  else
    return 1
  fi
}

need_update=0
[[ ${#missing[@]} -gt 0 ]] && need_update=1
if [[ $need_imgui == 1 ]] && ! has_imgui_source; then
  need_update=1
  if [[ ! -f "$src_list" && ! -f "$src_list_oneline" ]]; then
    need_root "deb-src entry"
    say "adding a deb-src entry for Debian source packages"
    add_deb_src || fail "deb-src entry" \
      "found no Debian source in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  fi
fi
if [[ $need_data == 1 ]] && ! apt-cache show python3-sklearn >/dev/null 2>&1; then need_update=1; fi

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------
if [[ $need_update == 1 ]]; then
  need_root "apt-get update"
  say "apt-get update"
  run "apt-get update" "${sudo_cmd[@]}" "${apt_env[@]}" apt-get "${apt_opts[@]}" update
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  need_root "apt packages"
  say "installing ${missing[*]}"
  run "apt packages" "${sudo_cmd[@]}" "${apt_env[@]}" apt-get "${apt_opts[@]}" install -y \
    --no-install-recommends "${missing[@]}"
  for p in "${missing[@]}"; do
    is_installed "$p" || fail "apt packages" "package '$p' is still not installed"
  done
fi

# ---------------------------------------------------------------------------------------------
# 2. Dear ImGui 1.86 sources (Debian source package, orig tarball)
# ---------------------------------------------------------------------------------------------
if [[ $need_imgui == 1 ]]; then
  step="imgui sources"
  say "fetching Dear ImGui sources (apt-get source imgui)"
  work_dir
  mkdir -p "$work/imgui" && chmod 755 "$work/imgui"
  [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1 && chown _apt "$work/imgui"
  (cd "$work/imgui" && apt-get -q source --download-only imgui) >>"$log" 2>&1 \
    || fail "$step" "'apt-get source --download-only imgui' failed"
  orig="$(find "$work/imgui" -maxdepth 1 -name 'imgui_*.orig.tar.*' | head -n1)"
  [[ -n "$orig" ]] || fail "$step" "no imgui_*.orig.tar.* among the downloaded files"
  mkdir -p "$work/imgui/x"
  run "$step" tar -xf "$orig" -C "$work/imgui/x"
  top="$(dirname "$(find "$work/imgui/x" -maxdepth 3 -name imgui.cpp | head -n1)")"
  [[ "$top" != "." && -f "$top/imgui.cpp" ]] || fail "$step" "imgui.cpp not found in $(basename "$orig")"
  grep -q '#define IMGUI_VERSION  *"1\.86' "$top/imgui.h" \
    || fail "$step" "$(basename "$orig") is not Dear ImGui 1.86"

  stage="third_party/.imgui.partial"
  rm -rf "$stage"
  mkdir -p "$stage/backends"
  for f in imgui.cpp imgui.h imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp imgui_internal.h \
           imconfig.h imstb_rectpack.h imstb_textedit.h imstb_truetype.h imgui_demo.cpp; do
    [[ -f "$top/$f" ]] || fail "$step" "$f is missing from $(basename "$orig")"
    cp "$top/$f" "$stage/"
  done
  for f in imgui_impl_glfw.h imgui_impl_glfw.cpp imgui_impl_opengl3.h imgui_impl_opengl3.cpp; do
    [[ -f "$top/backends/$f" ]] || fail "$step" "backends/$f is missing from $(basename "$orig")"
    cp "$top/backends/$f" "$stage/backends/"
  done
  [[ -f "$top/backends/imgui_impl_opengl3_loader.h" ]] \
    && cp "$top/backends/imgui_impl_opengl3_loader.h" "$stage/backends/"
  if [[ -f "$top/LICENSE.txt" ]]; then cp "$top/LICENSE.txt" "$stage/"
  else fail "$step" "LICENSE.txt is missing from $(basename "$orig")"; fi
  rm -rf "$imgui_dir"
  mv "$stage" "$imgui_dir"
fi

# ---------------------------------------------------------------------------------------------
# 3. Data sets from python3-sklearn (downloaded and unpacked, not installed)
# ---------------------------------------------------------------------------------------------
if [[ $need_data == 1 ]]; then
  step="data sets"
  say "fetching data sets (apt-get download python3-sklearn)"
  work_dir
  mkdir -p "$work/sk" && chmod 755 "$work/sk"
  [[ $(id -u) -eq 0 ]] && id _apt >/dev/null 2>&1 && chown _apt "$work/sk"
  (cd "$work/sk" && apt-get -q download python3-sklearn) >>"$log" 2>&1 \
    || fail "$step" "'apt-get download python3-sklearn' failed"
  deb="$(find "$work/sk" -maxdepth 1 -name 'python3-sklearn_*.deb' | head -n1)"
  [[ -n "$deb" ]] || fail "$step" "no python3-sklearn_*.deb was downloaded"
  run "$step" dpkg-deb -x "$deb" "$work/sk/x"
  sk_data="$(dirname "$(find "$work/sk/x" -path '*/sklearn/datasets/data/digits.csv.gz' | head -n1)")"
  [[ -f "$sk_data/digits.csv.gz" ]] || fail "$step" "sklearn/datasets/data/digits.csv.gz not in $(basename "$deb")"

  mkdir -p "$data_dir"
  for name in iris wine_data breast_cancer digits; do  # digits last: it marks completion
    if [[ -f "$sk_data/$name.csv.gz" ]]; then
      gzip -dc "$sk_data/$name.csv.gz" >"$data_dir/.$name.csv.partial"
    elif [[ -f "$sk_data/$name.csv" ]]; then
      cp "$sk_data/$name.csv" "$data_dir/.$name.csv.partial"
    else
      continue
    fi
    if [[ $name == digits ]]; then
      # 1797 rows, 65 comma-separated integers: 64 pixels (0-16) and the label (0-9).
      awk -F, 'NF != 65 { exit 1 } { for (i = 1; i <= 65; i++) if ($i !~ /^[0-9]+$/) exit 1 }
               END { if (NR != 1797) exit 1 }' "$data_dir/.$name.csv.partial" \
        || fail "$step" "digits.csv does not have 1797 rows of 65 integers"
    fi
    mv "$data_dir/.$name.csv.partial" "$data_dir/$name.csv"
  done
fi

# ---------------------------------------------------------------------------------------------
# 4. Browser tests: playwright-core from npm (the browser itself is Debian's chromium)
# ---------------------------------------------------------------------------------------------
if [[ $need_npm == 1 ]]; then
  step="npm playwright-core"
  say "npm install (playwright-core)"
  [[ -f package.json ]] || fail "$step" "package.json is missing from the repository root"
  run "$step" npm install --no-audit --no-fund --no-update-notifier --no-package-lock
  [[ -f node_modules/playwright-core/package.json ]] \
    || fail "$step" "node_modules/playwright-core is still missing after npm install"
fi
if [[ $browser == 1 && ! -x /usr/bin/chromium ]]; then
  fail "apt packages" "/usr/bin/chromium is missing although the chromium package is installed"
fi

say "ok"
