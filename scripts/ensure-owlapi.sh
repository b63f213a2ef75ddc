#!/bin/sh
# Make sure Debian's OWL API and a JDK are installed: the ontology's OWL 2 DL profile check
# (scripts/owl-profile-check.sh) runs the OWL API's profile checker from a Java source file.
set -eu
exec sh "$(dirname "$0")/ensure-debian-packages.sh" /usr/share/java/owlapi-distribution.jar /usr/bin/javac \
    -- libowlapi-java default-jdk-headless
