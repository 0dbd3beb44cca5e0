#!/bin/bash
# Every symbol libworkplan.a exports starts with wp_, so the library links
# cleanly into other programs.   tests/suites/symbols.sh [ANY]
# (the installed library, build/libworkplan.a; the sanitized one also has ASan's
# __odr_asan.* markers, which are not ours)
set -u
cd "$(dirname "$0")/../.."
pass=0 fail=0
for lib in build/libworkplan.a; do
    if [ ! -f "$lib" ]; then
        fail=$((fail + 1))
        echo "symbols: FAIL: $lib is missing (make lib)"
        continue
    fi
    # defined, external symbols: text, data, bss, read-only, common, weak
    syms=$(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u)
    if [ -z "$syms" ]; then
        fail=$((fail + 1))
        echo "symbols: FAIL: nm lists no symbol in $lib"
        continue
    fi
    bad=$(grep -v '^wp_' <<< "$syms")
    if [ -z "$bad" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "symbols: FAIL: $lib exports symbols without the wp_ prefix:"
        sed 's/^/    /' <<< "$bad"
    fi
done
echo "symbols: $pass passed, $fail failed"
[ "$fail" = 0 ]
