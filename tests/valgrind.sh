#!/usr/bin/env bash
# The optimised binary under valgrind (make valgrind): no invalid access, no
# definite or indirect leak, on the real plan, every sample, and a handful of
# bad inputs taken from the end-to-end cases (every e2e case with VALGRIND_ALL=1).
# Usage: tests/valgrind.sh [WORKPLAN_BINARY]   (default build/workplan)
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/workplan}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
if [ ! -x "$bin" ]; then
    echo "valgrind: '$bin' is not an executable (make build/workplan)" >&2
    exit 2
fi
if ! command -v valgrind >/dev/null; then
    echo "valgrind: valgrind is not installed (apt-get install valgrind)" >&2
    exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/workplan-valgrind.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# shellcheck disable=SC2054 # the commas belong to the option values
VG=(valgrind -q --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --suppressions="$root/tests/valgrind.supp")
passed=0
failed=0

# check NAME DIR EXPECTED_RC STDIN ARGS...: runs the binary in DIR under valgrind,
# with the VAR=value words of the array extra_env added to the environment
extra_env=()
check() {
    local name=$1 dir=$2 want=$3 input=$4
    shift 4
    (cd "$dir" && exec env -u SOURCE_DATE_EPOCH LC_ALL=C "${extra_env[@]}" "${VG[@]}" "$bin" "$@") \
        <"$input" >"$scratch/out" 2>"$scratch/log"
    local rc=$?
    if [ "$rc" -eq "$want" ] && ! grep -q '^==[0-9]*==' "$scratch/log"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $rc, expected $want"
        grep '^==[0-9]*==' "$scratch/log" | head -n 40 | sed 's/^/    /'
    fi
}

# The real plan and the samples must be valid: exit 0.
check plan/workplan.yaml "$root" 0 /dev/null check plan/workplan.yaml
for f in "$root"/samples/*.yaml; do
    base=${f##*/}
    case $base in *.progress.yaml | progress.yaml) continue ;; esac
    progress=${f%.yaml}.progress.yaml
    if [ -f "$progress" ]; then
        check "samples/$base" "$root" 0 /dev/null check "samples/$base" --progress "samples/${progress##*/}"
    else
        check "samples/$base" "$root" 0 /dev/null check "samples/$base"
    fi
done

# The exporters: every output of the real plan (booklets, workbooks, members).
check "build plan/workplan.yaml" "$root" 0 /dev/null build plan/workplan.yaml -d "$scratch/out-build" \
    --lang en,es --members
check "pdf --paper letter" "$root" 0 /dev/null pdf plan/workplan.yaml --paper letter \
    -o "$scratch/letter.pdf"
check "import of an exported workbook" "$root" 0 /dev/null import plan/workplan.yaml --dry-run \
    "$scratch/out-build/pa-asean-2021-2025.PE.xlsx"
# diff: two different plans (programmes) in every format, and the booklet's changes annex
check "diff json" "$root" 0 /dev/null diff samples/minimal.yaml samples/other-programme.yaml \
    --allow-other-plan --format json --progress-new samples/other-programme.progress.yaml
check "diff markdown --exit-code" "$root" 1 /dev/null diff plan/workplan.yaml \
    samples/other-programme.yaml --allow-other-plan --format markdown --exit-code
check "pdf --since" "$root" 0 /dev/null pdf samples/other-programme.yaml --since plan/workplan.yaml \
    --allow-other-plan -o "$scratch/since.pdf"

# Bad inputs: the exit status each e2e case expects, under valgrind.
cases=(001-syntax-mapping-value 003-syntax-unterminated-quote 004-tab-indentation
       005-second-document 007-invalid-utf8-latin1 009-invalid-utf8-truncated-at-eof
       010-binary-nul 011-empty-file 013-stdin-good 017-unknown-alias 018-recursive-anchor
       101-missing-key-plan-title 105-unknown-key-did-you-mean 108-duplicate-key
       109-type-quoted-progress 124-period-tokens-malformed 128-progress-file-given-as-plan
       131-languages-default-refuses-es 203-undeclared-lead-partner-suggestion
       205-duplicate-area-id 206-duplicate-activity-id 301-end-before-start
       401-missing-translation 406-overdue-newest-progress-date 409-strict-warnings-are-errors
       411-progress-wrong-plan-id 413-progress-bad-date 416-progress-explicit-missing
       418-progress-default-bad-picked-up 421-source-date-epoch-invalid
       804-unknown-verb 805-unknown-option 807-missing-option-value 808-unreadable-plan
       809-directory-as-plan 810-pdf-undeclared-lang 811-xlsx-unknown-member
       812-diagnostics-github 901-alias-bomb 902-deep-nesting-flow 904-scalar-2mib
       905-random-binary 909-alias-expansion-10000-accepted 910-alias-expansion-past-limit)
if [ -n "${VALGRIND_ALL:-}" ]; then
    cases=()
    for d in "$root"/tests/e2e/cases/[0-9][0-9][0-9]-*/; do
        d=${d%/}
        cases+=("${d##*/}")
    done
fi
for name in "${cases[@]}"; do
    src=$root/tests/e2e/cases/$name
    if [ ! -d "$src" ]; then
        echo "FAIL $name: no such e2e case"
        failed=$((failed + 1))
        continue
    fi
    work=$scratch/$name
    cp -R "$src" "$work"
    if [ -f "$work/generate" ] && ! (cd "$work" && bash ./generate) >/dev/null 2>&1; then
        echo "FAIL $name: generate failed"
        failed=$((failed + 1))
        continue
    fi
    read -r -a args <"$work/cmd" || true
    want=$(tr -d ' \n' <"$work/expected.rc")
    extra_env=()
    if [ -f "$work/env" ]; then
        while IFS= read -r line; do [ -n "$line" ] && extra_env+=("$line"); done <"$work/env"
    fi
    input=/dev/null
    [ -f "$work/stdin" ] && input=$work/stdin
    check "$name" "$work" "$want" "$input" "${args[@]}"
    rm -rf "$work"
done

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
