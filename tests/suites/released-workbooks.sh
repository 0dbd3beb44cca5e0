#!/bin/bash
# Workbooks exported by released versions and filled in by a ministry still import:
#   tests/suites/released-workbooks.sh build/san/workplan
# The fixtures (tests/fixtures/released/, made by make_fixtures.py with the old code)
# carry every hidden-sheet format a returned workbook may have. Each is imported
# with the CLI under test into a copy of the progress file it was exported with,
# and the checks say only what import produces (exit status, summary lines,
# the bytes appended), never how the hidden sheets are laid out.
set -u
WP=$(realpath "${1:-build/san/workplan}")
FIX=$(cd "$(dirname "$0")/../fixtures/released" && pwd)
PY=/usr/bin/python3
export LC_ALL=C.UTF-8
# the day of the import: 2025-03-03 12:00 UTC (the workbooks were made on 2025-01-10)
export SOURCE_DATE_EPOCH=1741003200
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

check() { # name, condition status, detail
    if [ "$2" = 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n%s\n' "$1" "$3" >&2
    fi
}

same() { # name, got, want
    [ "$2" = "$3" ]
    check "$1" $? "$(printf -- '--- got\n%s\n--- want\n%s' "$2" "$3")"
}

# A fresh folder with the plan, the progress file and the workbook WB (a fixture name).
setup() {
    local d=$tmp/$1
    rm -rf "$d" && mkdir -p "$d" && cp "$FIX/plan.yaml" "$FIX/progress.yaml" "$d/" &&
        cp "$FIX/$1.xlsx" "$d/" || exit 1
    echo "$d"
}

run_import() { # folder, workbook: sets rc, out, err
    out=$(cd "$1" && "$WP" import plan.yaml --progress progress.yaml "$2" 2> "$1/err")
    rc=$?
    err=$(cat "$1/err")
}

# expect_taken NAME SUMMARY APPENDED: NAME.xlsx imports with exit 0 and no
# diagnostic, prints SUMMARY, appends exactly APPENDED to the progress file;
# imported again, it adds nothing.
expect_taken() {
    local name=$1 summary=$2 appended=$3 d
    d=$(setup "$name") || exit 1
    run_import "$d" "$name.xlsx"
    same "$name: exit status" "$rc" 0
    same "$name: no diagnostic" "$err" ""
    same "$name: summary" "$out" "$summary"
    { cat "$FIX/progress.yaml" && printf '%s\n' "$appended"; } > "$tmp/want"
    cmp -s "$d/progress.yaml" "$tmp/want"
    check "$name: progress file" $? "$(diff "$tmp/want" "$d/progress.yaml")"
    cp "$d/progress.yaml" "$tmp/after"
    run_import "$d" "$name.xlsx"
    same "$name: again, exit status" "$rc" 0
    same "$name: again, nothing taken" "${out%%,*}" "$name.xlsx: 0 updates taken"
    cmp -s "$d/progress.yaml" "$tmp/after"
    check "$name: again, progress file unchanged" $? "$(diff "$tmp/after" "$d/progress.yaml")"
}

# expect_refused NAME WORKBOOK WHY: WORKBOOK (in NAME's folder) is refused whole
# with exit 1, an error of its own naming WHY, and the progress file unchanged.
expect_refused() {
    local name=$1 wb=$2 why=$3 d=$tmp/$1
    run_import "$d" "$wb"
    same "$wb: exit status" "$rc" 1
    same "$wb: summary" "$out" "$wb: workbook refused"
    case $err in
    "$wb:"*"error: "*"$why"*) check "$wb: the reason" 0 "" ;;
    *) check "$wb: the reason" 1 "stderr: $err (want '$why')" ;;
    esac
    cmp -s "$d/progress.yaml" "$FIX/progress.yaml"
    check "$wb: progress file unchanged" $? "$(diff "$FIX/progress.yaml" "$d/progress.yaml")"
}

THAI='    note: "อบรมเจ้าหน้าที่ศุลกากรแล้ว 75 คน รุ่นต่อไปที่กรุงเทพฯ"'
DAYS_NOTE='    note: "Medido en el puerto de Laem Chabang; año base 2023."'

# Thailand's member workbook: its rows are credited to TH; an indicator value
# measured on the day of the Tracker row goes into the same update.
MEMBER_TH="  - activity: ECO-01
    date: 2025-02-20
    status: ongoing
    progress: 60
    reported_by: TH
$THAI
    indicators: {TRAINED: 75}
  - activity: ECO-02
    date: 2025-02-14
    status: ongoing
    progress: 15
    reported_by: TH
$DAYS_NOTE
    indicators: {DAYS: 7}"
# The whole plan's workbook (no member): ECO-01 keeps the reporter its row
# showed (PE), so its indicator value, reported by nobody, is an update of its own.
WHOLE_ES="  - activity: ECO-01
    date: 2025-02-20
    status: ongoing
    progress: 60
    reported_by: PE
$THAI
  - activity: ECO-02
    date: 2025-02-14
    status: ongoing
    progress: 15
$DAYS_NOTE
    indicators: {DAYS: 7}
  - activity: ECO-01
    date: 2025-02-20
    indicators: {TRAINED: 75}"

for v in 0.2 main-c620bc0; do
    expect_taken "$v.TH" "$v.TH.xlsx: 4 updates taken, 1 row unchanged, 0 rows refused
progress.yaml: 2 updates appended" "$MEMBER_TH"
    expect_taken "$v.es" "$v.es.xlsx: 4 updates taken, 2 rows unchanged, 0 rows refused
progress.yaml: 3 updates appended" "$WHOLE_ES"
done

# Before the Indicators sheet: the Tracker's edits alone.
expect_taken pre-indicators.TH "pre-indicators.TH.xlsx: 2 updates taken, 1 row unchanged, \
0 rows refused
progress.yaml: 2 updates appended" "  - activity: ECO-01
    date: 2025-02-20
    status: ongoing
    progress: 60
    reported_by: TH
$THAI
  - activity: ECO-02
    date: 2025-02-14
    status: ongoing
    progress: 15
    reported_by: TH"
expect_taken pre-indicators.es "pre-indicators.es.xlsx: 2 updates taken, 2 rows unchanged, \
0 rows refused
progress.yaml: 2 updates appended" "  - activity: ECO-01
    date: 2025-02-20
    status: ongoing
    progress: 60
    reported_by: PE
$THAI
  - activity: ECO-02
    date: 2025-02-14
    status: ongoing
    progress: 15"

# A workbook whose hidden sheet has no fingerprint of its own (the branch before
# 0ec20d8) is refused whole, on purpose: it cannot be told from an edited one.
setup pre-fingerprint.TH > /dev/null || exit 1
expect_refused pre-fingerprint.TH pre-fingerprint.TH.xlsx "hidden sheet '_workplan'"

# Tampered copies, made now: a hidden cell changed as someone might (the member
# a workbook is for; the date a value was exported with), found by its text.
tamper() { # folder, workbook, copy, sheet, old text, new text
    "$PY" - "$@" << 'EOF' || exit 1
import sys
import openpyxl
folder, src, dst, sheet, old, new = sys.argv[1:]
wb = openpyxl.load_workbook(f"{folder}/{src}")
cells = [c for row in wb[sheet].iter_rows() for c in row
         if isinstance(c.value, str) and old in c.value and (old != "TH" or c.value == old)]
if len(cells) != 1:
    sys.exit(f"{src}: {len(cells)} cells of {sheet} hold {old!r}, not one")
cells[0].value = cells[0].value.replace(old, new)
wb.save(f"{folder}/{dst}")
EOF
}
for v in 0.2 main-c620bc0; do
    d=$(setup "$v.TH") || exit 1
    tamper "$d" "$v.TH.xlsx" member.xlsx _workplan TH VN
    expect_refused "$v.TH" member.xlsx "hidden sheet '_workplan'"
    tamper "$d" "$v.TH.xlsx" dated.xlsx _indicators 2024-06-30 2024-07-01
    expect_refused "$v.TH" dated.xlsx "hidden sheet '_indicators'"
done

echo "released-workbooks: $pass passed, $fail failed"
[ "$fail" = 0 ]
