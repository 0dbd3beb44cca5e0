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

# Both libraries export exactly what include/workplan/ declares, and the CLI
# uses nothing else of the library (docs/library.md).
declared() { # SYMBOL: declared by a public header, as a function or a variable
    grep -qE "\\b$1[[:space:]]*(\\(|\\[|;)" include/workplan/*.h
}
check_surface() { # NAME MIN SYMBOLS...: every one declared, and at least MIN of them
    local name=$1 min=$2 undeclared=""; shift 2
    for s in "$@"; do declared "$s" || undeclared="$undeclared $s"; done
    if [ $# -ge "$min" ] && [ -z "$undeclared" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "symbols: FAIL: $name: $# symbols, undeclared:${undeclared:- none}"
    fi
}
if [ -f build/libworkplan.so ]; then
    # shellcheck disable=SC2046
    check_surface "nm -D build/libworkplan.so" 60 $(nm -D --defined-only build/libworkplan.so |
        awk 'NF == 3 && $3 !~ /^WORKPLAN_/ { sub(/@.*/, "", $3); print $3 }')
    [ "$(readelf -d build/libworkplan.so | grep -o 'soname: \[[^]]*\]')" = \
        "soname: [libworkplan.so.0]" ] && pass=$((pass + 1)) ||
        { fail=$((fail + 1)); echo "symbols: FAIL: build/libworkplan.so has no soname libworkplan.so.0"; }
else
    fail=$((fail + 1)); echo "symbols: FAIL: build/libworkplan.so is missing (make lib)"
fi
# shellcheck disable=SC2046
check_surface "build/libworkplan.a" 60 $(nm -g --defined-only build/libworkplan.a 2> /dev/null |
    awk 'NF == 3 { print $3 }')
# the CLI's own objects (its copies of the containers, src/util, aside) need only the API
cli_util="alloc arena buf strmap"
own=$(for u in $cli_util; do nm -g --defined-only "build/obj/src/util/$u.o"; done | awk '{ print $3 }')
# shellcheck disable=SC2046
check_surface "symbols the CLI takes from the library" 20 $(nm -u build/obj/src/cli/*.o |
    awk '{ print $NF }' | grep '^wp_' | sort -u | grep -vxF "$own")

# The layers call downwards only: util <- model <- load <- check <- progress
# <- import, export; the text engine (src/text) stands on util alone, below the
# exporters that measure and draw with it. A module's objects may use no symbol defined by a layer above it
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
        util) echo text model load check progress diff import pdf xlsx ;;
        text) echo model load check progress diff import pdf xlsx ;;
        model) echo load check progress diff import pdf xlsx ;;
        load) echo check progress diff import pdf xlsx ;;
        check) echo progress diff import pdf xlsx ;;
        progress) echo diff import pdf xlsx ;;
    esac
}
for layer in util text model load check progress; do
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
