#!/bin/bash
# `make test`: every suite, under the sanitizers where it runs our code.
# Prints one line per suite and finally "tests: N passed, M failed".
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# libxlsxwriter 1.1.4 leaks a few bytes per drop-down validation (tests/lsan.supp)
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export LC_ALL=C.UTF-8
unset SOURCE_DATE_EPOCH
SAN=build/san/workplan
PY=/usr/bin/python3
logdir=$(mktemp -d)
pass=0 fail=0 failed=""

suite() { # name, command...
    local name=$1; shift
    local log="$logdir/${name//\//-}.log"
    if "$@" > "$log" 2>&1; then
        pass=$((pass + 1))
        printf '  ok    %-22s %s\n' "$name" "$(tail -n 1 "$log")"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        printf '  FAIL  %s\n' "$name"
        tail -n 40 "$log" | sed 's/^/        /'
    fi
}

# One suite per unit test source: a binary that was not built fails its suite.
for src in tests/unit/test_*.c; do
    t=build/san/tests/$(basename "$src" .c)
    suite "unit/$(basename "$t")" "$t"
done
suite golden tests/golden/run.sh build/san/tools/wp-dump
suite e2e tests/e2e/run.sh "$SAN"
suite hostile tests/hostile.sh build/workplan "$SAN"
suite schema $PY tests/schema_check.py
suite ci-files $PY tests/ci_files_check.py
suite pdf tests/e2e/pdf_check.sh "$SAN"
suite xlsx $PY tests/e2e/xlsx_check.py "$SAN"
suite import tests/e2e/import_check.sh "$SAN"
suite build tests/build_check.sh "$SAN"
suite samples tests/samples.sh check
suite install tests/install_check.sh
# Every tests/suites/NAME.sh is a suite of its own, given the sanitized CLI.
shopt -s nullglob
for s in tests/suites/*.sh; do
    suite "$(basename "$s" .sh)" "$s" "$SAN"
done
suite valgrind tests/valgrind.sh build/workplan
suite fuzz make --no-print-directory fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-20}
rm -rf "$logdir"
echo "tests: $pass passed, $fail failed"
[ "$fail" = 0 ] || { echo "failed:$failed"; exit 1; }
