#!/usr/bin/env bash
# Make sure a Chromium the browser tests can drive is installed (Debian's package) and starts headless.
# Exits 0 when /usr/bin/chromium (or $CONFLICTWIRE_CHROMIUM) is there or was installed, and runs;
# non-zero with a message when it cannot be had.  `make test` then stops when CI=true; locally the
# browser tests skip, saying why.  Playwright drives this binary (executable_path), so no
# `playwright install` download is needed.
set -u
BROWSER="${CONFLICTWIRE_CHROMIUM:-/usr/bin/chromium}"
LATER="the browser tests will skip (or fail with CI=true)"

starts() {  # the same headless flags as tests/test_workbench.py
    timeout 60 "$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run --dump-dom about:blank \
        2>/dev/null | grep -q "<body>"
}

if [ ! -x "$BROWSER" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-chromium: no $BROWSER and no apt-get here; install Chromium and set \$CONFLICTWIRE_CHROMIUM; $LATER" >&2
        exit 1
    fi
    SUDO=""
    if [ "$(id -u)" != "0" ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO="sudo -n"
        else
            echo "ensure-chromium: installing chromium needs root (apt-get install chromium); $LATER" >&2
            exit 1
        fi
    fi
    echo "ensure-chromium: installing Debian's chromium package (apt-get update, then install)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    # The package lists of a fresh machine or container are empty or stale: update first.
    if ! $SUDO apt-get update -q >/dev/null; then
        echo "ensure-chromium: apt-get update failed (see above); $LATER" >&2
        exit 1
    fi
    if ! $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; then
        echo "ensure-chromium: apt-get could not install chromium (see above); $LATER" >&2
        exit 1
    fi
    if [ ! -x "$BROWSER" ]; then
        echo "ensure-chromium: chromium installed but $BROWSER is missing; $LATER" >&2
        exit 1
    fi
fi
if ! starts; then
    echo "ensure-chromium: $BROWSER does not start headless ($BROWSER --headless --dump-dom about:blank); $LATER" >&2
    exit 1
fi
echo "ensure-chromium: $("$BROWSER" --version 2>/dev/null || echo chromium) ready" >&2
