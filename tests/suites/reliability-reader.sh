#!/bin/bash
# The returned-workbook reader never loses or invents data (issue 10: items 4, 7-13,
# 15-18): every tests/reliability/reader_*.py and clients_*.py script, given the CLI.
# Prints one line per script, then `reliability-reader: N passed, M failed`.
set -u
cli=$(realpath "${1:-build/san/workplan}")
cd "$(dirname "$0")/../reliability" || exit 1
pass=0 fail=0
for t in reader_*.py clients_*.py; do
    [ "$t" = reader_lib.py ] && continue
    [ -f "$t" ] || continue
    if out=$(/usr/bin/python3 "$t" "$cli" 2>&1); then
        pass=$((pass + 1))
        echo "  ok    $(echo "$out" | tail -n 1)"
    else
        fail=$((fail + 1))
        echo "  FAIL  $t"
        echo "$out" | tail -n 30 | sed 's/^/        /'
    fi
done
echo "reliability-reader: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
