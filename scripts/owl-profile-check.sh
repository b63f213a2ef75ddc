#!/bin/sh
# Check an ontology (default: ontology/kzgraph.ttl) against the OWL 2 DL profile with the
# OWL API's profile checker (Debian's libowlapi-java; scripts/ensure-owlapi.sh installs it).
# Prints each violation and a count; exits 0 when there is none, 1 when there are, 2 when
# the file cannot be read.
set -eu
here=$(dirname "$0")
ontology="${1:-$here/../ontology/kzgraph.ttl}"
# every Debian Java library, less the logging bindings other than slf4j-nop (one binding, silent)
classpath=$(ls /usr/share/java/*.jar \
    | grep -v -E '/(slf4j-(jdk14|simple|log4j12|jcl|reload4j)|maven3-slf4j-provider|log4j-slf4j-impl|logback-classic)[^/]*\.jar$' \
    | tr '\n' ':')
exec java -cp "$classpath" "$here/OwlProfileCheck.java" "$ontology"
