#!/bin/bash
# Golden tests of the loader, progress overlay and language fallback:
# the model dump (tests/tools/wp-dump) must equal the committed .dump file.
#   tests/golden/run.sh WP_DUMP [--update]
set -u
dump=$1
update=${2:-}
cd "$(dirname "$0")/../.."
pass=0 fail=0
check() { # name, then wp-dump arguments
    local name=$1; shift
    local want=tests/golden/$name.dump got
    got=$("$dump" "$@" 2>&1)
    if [ "$update" = --update ]; then
        printf '%s\n' "$got" > "$want"
    fi
    if [ "$got" = "$(cat "$want" 2>/dev/null)" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "golden: $name differs:"
        diff <(printf '%s\n' "$got") "$want" | head -20
    fi
}
check minimal samples/minimal.yaml
check fallback.es tests/golden/fallback.yaml --progress tests/golden/fallback.progress.yaml --lang es
check fallback.en tests/golden/fallback.yaml --lang en
check other-programme.es samples/other-programme.yaml --progress samples/other-programme.progress.yaml --lang es
check results.es tests/golden/results.yaml --progress tests/golden/results.progress.yaml --lang es
check workplan.en plan/workplan.yaml --progress plan/progress.yaml --lang en
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
