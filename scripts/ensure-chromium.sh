#!/bin/sh
# Make sure Debian's Chromium is installed: the browser tests drive it headless.
# Does nothing when it is already there; otherwise installs the distribution package
# (apt-get, as root or through password-less sudo). Exits non-zero when it cannot.
set -eu

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get here;" \
         "install Chromium and set CHROMIUM to its path" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "ensure-chromium: $CHROMIUM is missing; run as root: apt-get install chromium" >&2
    exit 1
fi

echo "ensure-chromium: installing Debian's chromium" >&2
# wait for another apt run to release its lock instead of failing at once
$as_root apt-get -o DPkg::Lock::Timeout=600 update
$as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
    --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
