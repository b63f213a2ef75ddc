#!/bin/sh
# Make sure Debian's OWL API and a JDK are installed: the ontology's OWL 2 DL profile check
# (scripts/owl-profile-check.sh) runs the OWL API's profile checker from a Java source file.
# Does nothing when both are there; otherwise installs the distribution packages
# (apt-get, as root or through password-less sudo). Exits non-zero when it cannot.
set -eu

OWLAPI_JAR=/usr/share/java/owlapi-distribution.jar

if [ -f "$OWLAPI_JAR" ] && command -v javac >/dev/null 2>&1; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-owlapi: the OWL API or a JDK is missing and there is no apt-get here;" \
         "install libowlapi-java and a JDK" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "ensure-owlapi: missing; run as root: apt-get install libowlapi-java default-jdk-headless" >&2
    exit 1
fi

echo "ensure-owlapi: installing Debian's libowlapi-java and default-jdk-headless" >&2
$as_root apt-get -o DPkg::Lock::Timeout=600 update
$as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
    --no-install-recommends libowlapi-java default-jdk-headless

if [ ! -f "$OWLAPI_JAR" ] || ! command -v javac >/dev/null 2>&1; then
    echo "ensure-owlapi: apt-get finished but the OWL API or javac is still missing" >&2
    exit 1
fi
