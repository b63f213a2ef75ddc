#!/bin/sh
# Make sure Debian's Virtuoso (virtuoso-opensource) is installed: the push tests start it on
# loopback and load the graph into it.
# Does nothing when it is already there; otherwise installs the distribution package
# (apt-get, as root or through password-less sudo). Exits non-zero when it cannot.
set -eu

VIRTUOSO="${VIRTUOSO:-/usr/bin/virtuoso-t}"

if [ -x "$VIRTUOSO" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-virtuoso: $VIRTUOSO is missing and there is no apt-get here;" \
         "install Virtuoso and set VIRTUOSO to the path of virtuoso-t" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "ensure-virtuoso: $VIRTUOSO is missing; run as root: apt-get install virtuoso-opensource" >&2
    exit 1
fi

echo "ensure-virtuoso: installing Debian's virtuoso-opensource" >&2
# wait for another apt run to release its lock instead of failing at once
$as_root apt-get -o DPkg::Lock::Timeout=600 update
$as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
    --no-install-recommends virtuoso-opensource

if [ ! -x "$VIRTUOSO" ]; then
    echo "ensure-virtuoso: apt-get finished but $VIRTUOSO is still missing" >&2
    exit 1
fi
