#!/bin/bash
# Nothing lost, round 2 (issue 21): every tests/reliability/issue21_*.py script,
# given the CLI. Prints one line per script, then `reliability-issue21: N passed, M failed`.
set -u
cli=$(realpath "${1:-build/san/workplan}")
cd "$(dirname "$0")/../reliability" || exit 1
pass=0 fail=0
for t in issue21_*.py; do
    [ "$t" = issue21_lib.py ] && continue
    if out=$(/usr/bin/python3 "$t" "$cli" 2>&1); then
        pass=$((pass + 1))
        echo "  ok    $(echo "$out" | tail -n 1)"
    else
        fail=$((fail + 1))
        echo "  FAIL  $t"
        echo "$out" | tail -n 30 | sed 's/^/        /'
    fi
done
echo "reliability-issue21: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
