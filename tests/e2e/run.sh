#!/usr/bin/env bash
# End-to-end tests of the command line: tests/e2e/run.sh WORKPLAN_BINARY
#
# Each folder tests/e2e/cases/NNN-name/ is one case, run in order:
#   cmd           one line: the arguments to the binary (split on blanks, no quoting)
#   stdin         optional: standard input (else /dev/null)
#   env           optional: VAR=value lines added to the environment
#   generate      optional: a bash script run first in the case's scratch copy, for
#                 inputs too large or too binary to commit (the hostile 9xx family)
#   expected.rc   the exit status
#   expected.err  stderr, exactly
#   expected.out  stdout, exactly (missing: stdout must be empty)
# Every case runs in a scratch copy of its folder (so a case can never write into
# the tree), with LC_ALL=C and SOURCE_DATE_EPOCH unset unless `env` sets it.
# Set E2E_ONLY=PATTERN to run the cases whose folder name matches the glob.
set -u
shopt -s nullglob

if [ $# -ne 1 ]; then
    echo "usage: $0 WORKPLAN_BINARY" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
if [ ! -x "$bin" ]; then
    echo "e2e: '$1' is not an executable" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/workplan-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

passed=0
failed=0

# An indented diff of expected and actual, cut short for huge outputs.
show_diff() {
    diff -u --label "expected $1" --label "actual $1" "$2" "$3" | head -n 60 | sed 's/^/    /'
}

for case_dir in "$here"/cases/[0-9][0-9][0-9]-*/; do
    case_dir=${case_dir%/}
    name=${case_dir##*/}
    # shellcheck disable=SC2053 # E2E_ONLY is a glob on purpose
    [ -n "${E2E_ONLY:-}" ] && [[ $name != ${E2E_ONLY} ]] && continue
    if [ ! -f "$case_dir/cmd" ] || [ ! -f "$case_dir/expected.rc" ]; then
        echo "FAIL $name: missing cmd or expected.rc"
        failed=$((failed + 1))
        continue
    fi
    work=$scratch/$name
    cp -R "$case_dir" "$work"
    res=$scratch/.result
    mkdir -p "$res"

    if [ -f "$work/generate" ]; then
        if ! (cd "$work" && LC_ALL=C bash ./generate) >"$res/gen.log" 2>&1; then
            echo "FAIL $name: generate failed: $(head -c 300 "$res/gen.log" | tr '\n' ' ')"
            failed=$((failed + 1))
            rm -rf "$work"
            continue
        fi
    fi

    read -r -a args <"$work/cmd" || true
    envs=(LC_ALL=C)
    if [ -f "$work/env" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] && envs+=("$line")
        done <"$work/env"
    fi
    input=/dev/null
    [ -f "$work/stdin" ] && input=$work/stdin

    (cd "$work" && exec env -u SOURCE_DATE_EPOCH "${envs[@]}" timeout 60 "$bin" "${args[@]}") \
        <"$input" >"$res/out" 2>"$res/err"
    rc=$?

    why=()
    expected_rc=$(tr -d ' \n' <"$case_dir/expected.rc")
    [ "$rc" != "$expected_rc" ] && why+=("exit status $rc, expected $expected_rc")
    exp_err=/dev/null
    [ -f "$case_dir/expected.err" ] && exp_err=$case_dir/expected.err
    exp_out=/dev/null
    [ -f "$case_dir/expected.out" ] && exp_out=$case_dir/expected.out
    cmp -s "$exp_err" "$res/err" || why+=("stderr differs")
    cmp -s "$exp_out" "$res/out" || why+=("stdout differs")
    if [ ${#why[@]} -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        (IFS=';'; echo "FAIL $name: ${why[*]}")
        cmp -s "$exp_err" "$res/err" || show_diff stderr "$exp_err" "$res/err"
        cmp -s "$exp_out" "$res/out" || show_diff stdout "$exp_out" "$res/out"
    fi
    rm -rf "$work" "$res"
done

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
