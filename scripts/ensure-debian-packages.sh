#!/bin/sh
# Usage: ensure-debian-packages.sh FILE [FILE ...] -- PACKAGE [PACKAGE ...]
# Installs Debian's PACKAGEs unless every FILE already exists (apt-get, as root or through
# password-less sudo). Does nothing when they are there; exits non-zero, saying what to
# install, when it cannot install them or they are still missing afterwards.
set -eu

files=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    files="$files $1"
    shift
done
[ $# -gt 0 ] && shift  # the --
packages="$*"

missing() {
    for file in $files; do
        [ -e "$file" ] || return 0
    done
    return 1
}

if ! missing; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-debian-packages: missing$files, and there is no apt-get here: install $packages" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "ensure-debian-packages: missing$files; run as root: apt-get install $packages" >&2
    exit 1
fi

echo "ensure-debian-packages: installing Debian's $packages" >&2
# wait for another apt run to release its lock instead of failing at once
$as_root apt-get -o DPkg::Lock::Timeout=600 update
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
    --no-install-recommends $packages

if missing; then
    echo "ensure-debian-packages: apt-get finished but one of$files is still missing" >&2
    exit 1
fi
