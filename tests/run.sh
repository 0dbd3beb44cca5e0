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

for t in build/san/tests/test_*; do
    suite "unit/$(basename "$t")" "$t"
done
suite golden tests/golden/run.sh build/san/tools/wp-dump
[ -x tests/e2e/run.sh ] && suite e2e tests/e2e/run.sh "$SAN"
[ -x tests/hostile.sh ] && suite hostile tests/hostile.sh build/workplan
[ -f tests/schema_check.py ] && suite schema $PY tests/schema_check.py
suite ci-files $PY tests/ci_files_check.py
[ -x tests/e2e/pdf_check.sh ] && suite pdf tests/e2e/pdf_check.sh "$SAN"
[ -f tests/e2e/xlsx_check.py ] && suite xlsx $PY tests/e2e/xlsx_check.py "$SAN"
[ -x tests/e2e/import_check.sh ] && suite import tests/e2e/import_check.sh "$SAN"
[ -x tests/build_check.sh ] && suite build tests/build_check.sh "$SAN"
[ -x tests/samples.sh ] && suite samples tests/samples.sh check
suite install tests/install_check.sh
command -v valgrind > /dev/null && suite valgrind tests/valgrind.sh build/workplan
if command -v clang > /dev/null && [ -f tests/fuzz/fuzz_load.c ]; then
    suite fuzz make --no-print-directory fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-20}
fi
rm -rf "$logdir"
echo "tests: $pass passed, $fail failed"
[ "$fail" = 0 ] || { echo "failed:$failed"; exit 1; }
