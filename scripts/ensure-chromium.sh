#!/usr/bin/env bash
# Make sure a Chromium the browser tests can drive is installed (Debian's package).
# Exits 0 when /usr/bin/chromium (or $CONFLICTWIRE_CHROMIUM) is there or was installed,
# non-zero with a message when it cannot be had; the browser tests then skip.
set -u
BROWSER="${CONFLICTWIRE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$BROWSER" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: no $BROWSER and no apt-get here; browser tests will be skipped" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure-chromium: installing chromium needs root (apt-get install chromium); browser tests will be skipped" >&2
        exit 1
    fi
fi
echo "ensure-chromium: installing Debian's chromium package..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -q >/dev/null || ! $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; then
    echo "ensure-chromium: apt-get could not install chromium; browser tests will be skipped" >&2
    exit 1
fi
if [ ! -x "$BROWSER" ]; then
    echo "ensure-chromium: chromium installed but $BROWSER is missing; browser tests will be skipped" >&2
    exit 1
fi
echo "ensure-chromium: $("$BROWSER" --version 2>/dev/null || echo chromium) ready" >&2
