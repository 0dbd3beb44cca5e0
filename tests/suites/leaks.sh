#!/bin/bash
# The leak suppressions hide libxlsxwriter 1.1.4's one known leak and nothing else.
#   tests/suites/leaks.sh [WORKPLAN_SAN]
# A probe (tests/leaks/lxw_probe.c) makes a workbook with two list-formula
# validations, as the Tracker does, and closes it or leaves it open:
# - under ASan with tests/lsan.supp: closed passes, left open fails;
# - with full stacks and no suppression, the only leaks of a closed workbook are
#   11 bytes each, one per validation, allocated by worksheet_data_validation_range;
# - under valgrind with tests/valgrind.supp: closed passes, left open fails;
# - the sanitized CLI's workbook passes with tests/lsan.supp.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
san=${1:-$root/build/san/workplan}
case $san in /*) ;; *) san=$PWD/$san ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "leaks: FAIL: $*"; }

CC=${CC:-cc}
libs=$(pkg-config --cflags --libs xlsxwriter)
# shellcheck disable=SC2086 # pkg-config's words
if ! $CC -g -O1 -fsanitize=address -fno-omit-frame-pointer -o "$tmp/probe-asan" \
        "$root/tests/leaks/lxw_probe.c" $libs ||
    ! $CC -g -O1 -o "$tmp/probe" "$root/tests/leaks/lxw_probe.c" $libs; then
    echo "leaks: FAIL: the probe does not build"
    echo "leaks: 0 passed, 1 failed"
    exit 1
fi

supp=suppressions=$root/tests/lsan.supp:print_suppressions=0
asan() { # LSAN_OPTIONS, then the probe's arguments
    local lsan=$1
    shift
    ASAN_OPTIONS=detect_leaks=1:${FULL_STACKS:-} LSAN_OPTIONS=$lsan \
        "$tmp/probe-asan" "$@" > "$tmp/out" 2> "$tmp/err"
}

asan "$supp" "$tmp/a.xlsx" close
[ $? = 0 ] && ! grep -q LeakSanitizer "$tmp/err" && ok ||
    no "a closed workbook must pass with lsan.supp: $(head -5 "$tmp/err")"
asan "$supp" "$tmp/b.xlsx" leave
[ $? != 0 ] && grep -q "detected memory leaks" "$tmp/err" && ok ||
    no "a workbook never closed must fail with lsan.supp"

# with full stacks, the leaks of a closed workbook are exactly the known one
FULL_STACKS=fast_unwind_on_malloc=0 asan "" "$tmp/c.xlsx" close
n=$(grep -c '^Direct leak of 11 byte(s) in 1 object(s)' "$tmp/err")
all=$(grep -c '^\(Direct\|Indirect\) leak' "$tmp/err")
known=$(grep -A3 '^Direct leak' "$tmp/err" | grep -c 'in worksheet_data_validation_range')
[ "$n" = 2 ] && [ "$all" = 2 ] && [ "$known" = 2 ] && ok ||
    no "expected exactly 2 leaks of 11 bytes from worksheet_data_validation_range, got $n/$all/$known"
FULL_STACKS=fast_unwind_on_malloc=0 asan "$supp" "$tmp/d.xlsx" close
[ $? = 0 ] && ok || no "with full stacks, lsan.supp must still hide the known leak"

if command -v valgrind > /dev/null; then
    # shellcheck disable=SC2054 # the commas belong to the option values
    VG=(valgrind -q --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite,indirect
        --show-leak-kinds=definite,indirect --suppressions="$root/tests/valgrind.supp")
    "${VG[@]}" "$tmp/probe" "$tmp/e.xlsx" close > /dev/null 2> "$tmp/vg"
    [ $? = 0 ] && ok || no "valgrind: a closed workbook must pass: $(head -20 "$tmp/vg")"
    "${VG[@]}" "$tmp/probe" "$tmp/f.xlsx" leave > /dev/null 2> "$tmp/vg"
    [ $? = 99 ] && ok || no "valgrind: a workbook never closed must fail"
else
    no "valgrind is not installed"
fi

# the CLI's own workbook: only the known leak, hidden
ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=$supp "$san" xlsx "$root/plan/workplan.yaml" \
    -o "$tmp/plan.xlsx" > /dev/null 2> "$tmp/err"
[ $? = 0 ] && [ ! -s "$tmp/err" ] && ok || no "workplan xlsx under ASan: $(head -5 "$tmp/err")"

echo "leaks: $pass passed, $fail failed"
[ "$fail" = 0 ]
