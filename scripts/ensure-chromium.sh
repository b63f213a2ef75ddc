#!/bin/sh
# Make sure Debian's Chromium is installed: the browser tests drive it headless.
# CHROMIUM names another browser binary to use instead.
set -eu
exec sh "$(dirname "$0")/ensure-debian-packages.sh" "${CHROMIUM:-/usr/bin/chromium}" -- chromium
