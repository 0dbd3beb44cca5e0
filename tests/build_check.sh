#!/bin/bash
# `workplan build`: every output named per cli.md, byte-identical across runs,
# SOURCE_DATE_EPOCH honoured, and one failed output reported (exit 3) without
# touching the others.   tests/build_check.sh WORKPLAN
set -u
W=$(realpath "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "build: FAIL: $*"; }

"$W" build plan/workplan.yaml -d "$tmp/a" --lang en,es --members > "$tmp/a.out" 2> "$tmp/a.err"
[ $? = 0 ] && ok || no "build exited non-zero: $(cat "$tmp/a.err")"
expected="pa-asean-2021-2025.pdf pa-asean-2021-2025.xlsx pa-asean-2021-2025.es.pdf pa-asean-2021-2025.es.xlsx"
for c in CL CO MX PE BN KH ID LA MY MM PH SG TH VN; do expected="$expected pa-asean-2021-2025.$c.xlsx"; done
for f in $expected; do
    [ -s "$tmp/a/$f" ] && ok || no "missing output $f"
done
[ "$(ls "$tmp/a" | wc -l)" = 18 ] && ok || no "expected 18 outputs, got $(ls "$tmp/a" | wc -l)"
[ "$(wc -l < "$tmp/a.out")" = 18 ] && ok || no "stdout should list the 18 files written"
[ ! -s "$tmp/a.err" ] && ok || no "stderr not empty: $(head -3 "$tmp/a.err")"
# no temporary file (a dot file beside each output) left behind
hidden=$(ls -A "$tmp/a" | grep '^\.')
[ -z "$hidden" ] && ok || no "temporary files left behind: $hidden"

# reproducible: a second run, in another folder, gives the same bytes
"$W" build plan/workplan.yaml -d "$tmp/b" --lang en,es --members > /dev/null 2>&1
for f in $expected; do
    cmp -s "$tmp/a/$f" "$tmp/b/$f" && ok || no "$f differs between two runs"
done

# SOURCE_DATE_EPOCH sets the document dates
SOURCE_DATE_EPOCH=1700000000 "$W" build plan/workplan.yaml -d "$tmp/c" > /dev/null 2>&1
cmp -s "$tmp/a/pa-asean-2021-2025.pdf" "$tmp/c/pa-asean-2021-2025.pdf" && no "SOURCE_DATE_EPOCH ignored by the PDF" || ok
strings "$tmp/c/pa-asean-2021-2025.pdf" | grep -q "D:20231114" && ok || no "PDF CreationDate not from SOURCE_DATE_EPOCH"
unzip -p "$tmp/c/pa-asean-2021-2025.xlsx" docProps/core.xml | grep -q "2023-11-14T22:13:20Z" && ok \
    || no "XLSX created date not from SOURCE_DATE_EPOCH"
SOURCE_DATE_EPOCH=yesterday "$W" build plan/workplan.yaml -d "$tmp/d" > /dev/null 2>&1
[ $? = 2 ] && ok || no "a malformed SOURCE_DATE_EPOCH is a usage error"

# one output fails while writing (its target is a link into a missing folder): exit 3,
# named, the others written
mkdir -p "$tmp/e"
ln -s "$tmp/missing/booklet.pdf" "$tmp/e/pa-asean-2021-2025.es.pdf"
cp "$tmp/a/pa-asean-2021-2025.pdf" "$tmp/e/"
echo old > "$tmp/e/pa-asean-2021-2025.xlsx"
"$W" build plan/workplan.yaml -d "$tmp/e" --lang en,es > /dev/null 2> "$tmp/e.err"
[ $? = 3 ] && ok || no "a failed output must exit 3"
grep -q "pa-asean-2021-2025.es.pdf" "$tmp/e.err" && ok || no "the failed output is not named: $(cat "$tmp/e.err")"
cmp -s "$tmp/e/pa-asean-2021-2025.es.xlsx" "$tmp/a/pa-asean-2021-2025.es.xlsx" && ok || no "other outputs not written"
cmp -s "$tmp/e/pa-asean-2021-2025.xlsx" "$tmp/a/pa-asean-2021-2025.xlsx" && ok || no "xlsx not replaced"
[ -z "$(ls -A "$tmp/e" | grep '^\.')" ] && ok || no "temporary files left behind: $(ls -A "$tmp/e")"

# an output that is a folder is refused before anything is written (cli.md, Outputs): exit 2
mkdir -p "$tmp/e2/pa-asean-2021-2025.es.pdf"
echo old > "$tmp/e2/pa-asean-2021-2025.xlsx"
"$W" build plan/workplan.yaml -d "$tmp/e2" --lang en,es > "$tmp/e2.out" 2> "$tmp/e2.err"
[ $? = 2 ] && ok || no "a folder as an output must exit 2"
grep -q "output '$tmp/e2/pa-asean-2021-2025.es.pdf' is a directory" "$tmp/e2.err" && ok ||
    no "the refused output is not named: $(cat "$tmp/e2.err")"
[ "$(cat "$tmp/e2/pa-asean-2021-2025.xlsx")" = old ] && [ "$(ls -A "$tmp/e2" | wc -l)" = 2 ] &&
    [ ! -s "$tmp/e2.out" ] && ok || no "a refused build wrote something: $(ls -A "$tmp/e2")"

# an invalid plan writes nothing
printf 'format: workplan/1\n' > "$tmp/bad.yaml"
"$W" build "$tmp/bad.yaml" -d "$tmp/f" > /dev/null 2>&1
[ $? = 1 ] && [ ! -e "$tmp/f" ] && ok || no "an invalid plan must exit 1 and write nothing"
# an unknown language is a usage error listing the declared ones
"$W" build plan/workplan.yaml -d "$tmp/g" --lang en,fr > /dev/null 2> "$tmp/g.err"
[ $? = 2 ] && grep -q "declared: 'en', 'es'" "$tmp/g.err" && ok || no "--lang fr: $(cat "$tmp/g.err")"

echo "build: $pass passed, $fail failed"
[ "$fail" = 0 ]
