# Shared by the tests/reliability/outputs-*.sh scripts: sourced, never run.
# Each script gets the CLI as $1, counts with ok/no and ends with `finish NAME`.
set -u
W=$(realpath "$1")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PLAN_SRC=$ROOT/plan
export SOURCE_DATE_EPOCH=1735689600
# as tests/run.sh does, when a script is run by hand
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wp-outputs-XXXXXX")
trap 'cleanup_hook; rm -rf "$tmp"' EXIT
cleanup_hook() { :; }
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
# check DESCRIPTION COMMAND...: the command must succeed
check() { local d=$1; shift; if "$@"; then ok; else no "$d"; fi; }
finish() { echo "$1: $pass passed, $fail failed"; [ "$fail" = 0 ]; }
# a fresh copy of plan/ in $tmp/NAME
fresh_plan() { rm -rf "$tmp/$1"; mkdir -p "$tmp/$1"; cp "$PLAN_SRC"/*.yaml "$tmp/$1/"; }
# no temporary file of ours (or of the old naming, .NAME.XXXXXX) left in a folder
no_temps() { [ -z "$(ls -A "$1" | grep '^\.' || true)" ]; }
# gen_plan N > FILE: a generated plan of N activities (tests/tools/gen_plan)
gen_plan() {
    local g
    for g in "$ROOT/build/san/tools/gen_plan" "$ROOT/build/tools/gen_plan"; do
        [ -x "$g" ] && { "$g" "$@"; return; }
    done
    make -C "$ROOT" --no-print-directory build/tools/gen_plan > /dev/null && "$ROOT/build/tools/gen_plan" "$@"
}
