#!/bin/sh
# Make sure Debian's Virtuoso (virtuoso-opensource) is installed: the push tests start it on
# loopback and load the graph into it. VIRTUOSO names another virtuoso-t binary instead.
set -eu
exec sh "$(dirname "$0")/ensure-debian-packages.sh" "${VIRTUOSO:-/usr/bin/virtuoso-t}" -- virtuoso-opensource
