#!/usr/bin/env bash
# What the machine must have before the handbook's commands can work, found, and installed where
# that is safe. The Makefile runs it before anything else:
#
#   scripts/prerequisites.sh serve   # make setup, serve, build, offline, engines
#   scripts/prerequisites.sh bench   # make bench: the same and Debian's chromium, for Lighthouse
#   scripts/prerequisites.sh test    # make test: the same and the browsers, Xvfb, nginx, pdftotext
#
# Everything present: it says nothing and takes a moment (no apt-get update). Something missing:
# on Debian or Ubuntu, as root or with sudo that asks no password, it installs what is missing
# with one quiet apt-get; anywhere else it stops at once with one line per missing program and the
# command that installs it. It runs with the machine's own shell and Python, before the handbook's
# virtual environment exists, so it needs nothing from it. PYTHON names the Python that will make
# the environment (python3 by default, as in the Makefile).
set -uo pipefail

MODE=${1:-serve}
PYTHON=${PYTHON:-python3}

# One line per need: how to tell it is there | the Debian package that brings it | what it is for.
#   cmd:NAME     a program on PATH (or in /usr/sbin, which a user's PATH may lack)
#   lib:NAME     a shared library the dynamic loader knows
#   file:PATH    a file (a glob may stand in for the architecture's folder)
#   py:CODE      Python code that must run with $PYTHON
SERVE="
py:import sys; sys.exit(sys.version_info < (3, 11, 2))|-|Python 3.11.2 or later (the oldest the pinned packages install on) as $PYTHON
py:import ensurepip, venv|python3-venv|$PYTHON -m venv, for the handbook's .venv
cmd:dot|graphviz|Graphviz's dot, which lays out the route diagrams
lib:libpango-1.0.so.0|libpango-1.0-0|Pango, with which WeasyPrint makes the quick guides' PDFs
lib:libpangoft2-1.0.so.0|libpangoft2-1.0-0|Pango's FreeType and fontconfig part, for WeasyPrint
lib:libharfbuzz-subset.so.0|libharfbuzz-subset0|HarfBuzz's subsetter, with which WeasyPrint embeds the font's glyphs in a PDF
lib:libfontconfig.so.1|libfontconfig1|fontconfig, through which dot and WeasyPrint find the pinned font
lib:libcairo.so.2|libcairo2|Cairo, with which the build draws the app's icons from the logo
cmd:node|npm|Node.js, which runs npm and the search engine's tests
cmd:npm|npm|npm, which installs the pinned search library and font (package-lock.json)
"
CHROMIUM="
cmd:chromium|chromium|Debian's chromium, for the kept handbook's browser tests and Lighthouse
"
TEST="$CHROMIUM
cmd:chromium-headless-shell|chromium-headless-shell|Chromium's headless shell, which opens the pages in the browser tests
cmd:firefox-esr|firefox-esr|Firefox ESR, for the tools' tests in Firefox
cmd:WebKitWebDriver|webkit2gtk-driver|WebKitWebDriver, for the tools' tests in WebKit
file:/usr/lib/*/webkit2gtk-4.1/MiniBrowser|webkit2gtk-driver|WebKitGTK's MiniBrowser, the WebKit browser the tests drive
cmd:Xvfb|xvfb|Xvfb, the display MiniBrowser runs on
cmd:xauth|xauth|xauth, for Xvfb's displays
file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf|fonts-dejavu-core|a font for the browsers to draw pages with
cmd:nginx|nginx|nginx, which serves the handbook under a sub-path in a test
cmd:pdftotext|poppler-utils|pdftotext, which reads the PDFs of each engine's build
"
case "$MODE" in
  serve) NEEDS=$SERVE ;;
  bench) NEEDS="$SERVE$CHROMIUM" ;;
  test) NEEDS="$SERVE$TEST" ;;
  *) echo "usage: $0 serve|bench|test" >&2; exit 2 ;;
esac

LIBRARIES=$({ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null)  # the shared libraries the loader knows

there() {  # there CHECK: is it on this machine?
  local kind=${1%%:*} what=${1#*:}
  case "$kind" in
    cmd) command -v "$what" >/dev/null 2>&1 || [ -x "/usr/sbin/$what" ] || [ -x "/sbin/$what" ] ;;
    lib) grep -q "^[[:space:]]*$what " <<< "$LIBRARIES" ;;
    file) compgen -G "$what" >/dev/null ;;
    py) command -v "$PYTHON" >/dev/null 2>&1 && "$PYTHON" -c "$what" >/dev/null 2>&1 ;;
  esac
}

missing() {  # the lines of NEEDS whose check fails
  local line
  while IFS= read -r line; do
    [ -n "$line" ] && ! there "${line%%|*}" && printf '%s\n' "$line"
  done <<< "$NEEDS"
}

packages() {  # the Debian packages that bring the missing lines, once each
  cut -d'|' -f2 <<< "$1" | grep -vx -- '-' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

LACKING=$(missing)
[ -z "$LACKING" ] && exit 0

# Install with apt-get where it is safe: Debian or Ubuntu, as root or with password-less sudo.
PKGS=$(packages "$LACKING")
AS_ROOT=() CAN=
if [ "$(id -u)" = 0 ]; then CAN=yes; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then AS_ROOT=(sudo -n); CAN=yes; fi
if [ -n "$PKGS" ] && [ -n "$CAN" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what this machine lacks for the handbook (apt-get): $PKGS"
  log=$(mktemp)
  if ! { "${AS_ROOT[@]}" apt-get update -qq \
         && "${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PKGS; } \
       >"$log" 2>&1; then
    tail -n 20 "$log" >&2
  fi
  rm -f "$log"
  LIBRARIES=$({ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null)
  LACKING=$(missing)
  [ -z "$LACKING" ] && exit 0
fi

# Still missing: one line each, with the command that installs it.
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo "; fi
while IFS='|' read -r check package what; do
  if [ "$package" = "-" ]; then
    echo "missing: $what; install one (Debian 12's python3 is 3.11.2) and name it: make PYTHON=/path/to/python3 ..." >&2
  elif command -v apt-get >/dev/null 2>&1; then
    echo "missing: $what; install it with: ${SUDO}apt-get install $package" >&2
  else
    echo "missing: $what; install it with this system's package manager (the Debian package is $package)" >&2
  fi
done <<< "$LACKING"
exit 1
