#!/bin/bash
# Safe outputs (issue 10, items 2, 3, 5, 6, 18, 19, 20): every script in
# tests/reliability/outputs-*.{sh,py} is run with the CLI and must pass.
#   tests/suites/reliability-outputs.sh WORKPLAN
set -u
W=$(realpath "$1")
cd "$(dirname "$0")/../reliability"
pass=0 fail=0
for t in outputs-*.sh outputs-*.py; do
    [ "$t" = outputs-lib.sh ] && continue
    case $t in *.py) run=(/usr/bin/python3 "$t") ;; *) run=(bash "$t") ;; esac
    if out=$("${run[@]}" "$W" 2>&1); then
        pass=$((pass + 1))
        echo "  ok    $t: $(echo "$out" | tail -n 1)"
    else
        fail=$((fail + 1))
        echo "  FAIL  $t"
        echo "$out" | tail -n 30 | sed 's/^/        /'
    fi
done
echo "reliability-outputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
