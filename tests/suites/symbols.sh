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

# The layers call downwards only: util <- model <- load <- check <- progress
# <- import, export. A module's objects may use no symbol defined by a layer above it
# (the model once called import's renderer to append to a progress file).
objects() { # DIR...: the objects of those source folders' files (none left from old files)
    local d c
    for d in "$@"; do
        for c in src/"$d"/*.c; do echo "build/obj/${c%.c}.o"; done
    done
}
defined_in() { # DIR...: the wp_ symbols the objects of those source folders define
    # shellcheck disable=SC2046
    nm -g --defined-only $(objects "$@") 2> /dev/null | awk 'NF == 3 { print $3 }' | sort -u
}
used_by() { # DIR: the wp_ symbols its objects leave undefined
    # shellcheck disable=SC2046
    nm -u $(objects "$1") 2> /dev/null | awk '{ print $NF }' | grep '^wp_' | sort -u
}
above() { # LAYER: the source folders above it
    case $1 in
        util) echo model load check progress diff import pdf xlsx ;;
        model) echo load check progress diff import pdf xlsx ;;
        load) echo check progress diff import pdf xlsx ;;
        check) echo progress diff import pdf xlsx ;;
        progress) echo diff import pdf xlsx ;;
    esac
}
for layer in util model load check progress; do
    # shellcheck disable=SC2046
    wrong=$(comm -12 <(used_by "$layer") <(defined_in $(above "$layer")))
    if [ -n "$(used_by "$layer")" ] && [ -z "$wrong" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "symbols: FAIL: src/$layer uses a layer above it (or no object of it was found):"
        sed 's/^/    /' <<< "$wrong"
    fi
done
echo "symbols: $pass passed, $fail failed"
[ "$fail" = 0 ]
