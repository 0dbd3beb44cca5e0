#!/bin/bash
# The library's interface: every wp_ symbol the given objects define that a
# public header (include/workplan/*.h) declares, as a function `NAME(` or a
# variable `NAME[`/`NAME;`. One a line, sorted. The shared library's version
# script and the static archive's symbol table keep these and hide the rest.
#   scripts/exports.sh OBJECT...
set -eu
cd "$(dirname "$0")/.."
nm -g --defined-only "$@" | awk 'NF == 3 { print $3 }' | grep '^wp_' | sort -u |
    while read -r s; do
        if grep -qE "\\b${s}[[:space:]]*(\\(|\\[|;)" include/workplan/*.h; then echo "$s"; fi
    done
