#!/bin/bash
# PDF/UA-1: the booklet is a tagged, accessible PDF (issue 14).
#
#     tests/suites/pdfua.sh BINARY
#
# On the real plan in English and Spanish, A4 and letter, every sample and a
# generated plan of 2,000 activities: tests/pdfua/check_pdfua.py (the
# machine-checkable rules of PDF/UA-1), pdfinfo -struct-text (the tree and
# its text in reading order), pdf.js (a structure tree on every page,
# getMarkInfo().Marked), poppler, mupdf and Ghostscript silent, byte-identical
# reruns; and the checker itself is shown to fail on broken booklets.
# Prints `pdfua: N passed, M failed` last and exits non-zero on any failure.
set -u
BIN=${1:?usage: pdfua.sh BINARY}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pdfua.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
check() { # check DESCRIPTION COMMAND...
    local desc=$1
    shift
    if "$@" >"$TMP/out" 2>&1; then ok; else
        fail "$desc"
        head -20 "$TMP/out" | sed 's/^/    /'
    fi
}
# Silent readers: no output on stderr at all. mutool prints "page N" per
# page to say it drew it, and "ICC support is not available" for every
# file (Debian's mupdf-tools is built without lcms2): neither is about ours.
silent() { # silent PDF
    local f=$1 out
    out=$(pdftotext "$f" /dev/null 2>&1; pdfinfo "$f" 2>&1 >/dev/null; pdffonts "$f" 2>&1 >/dev/null)
    [ -z "$out" ] || { echo "poppler: $out"; return 1; }
    out=$(mutool draw -o /dev/null "$f" 2>&1 | grep -v -e '^page ' -e '^warning: ICC support is not available$')
    [ -z "$out" ] || { echo "mupdf: $out"; return 1; }
    out=$(gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$f" 2>&1)
    [ -z "$out" ] || { echo "ghostscript: $out"; return 1; }
}
# The structure tree's text, in reading order, holds these lines in this order.
in_order() { # in_order PDF LINE...
    local f=$1
    shift
    pdfinfo -struct-text "$f" >"$TMP/struct.txt" 2>&1 || return 1
    $PY - "$TMP/struct.txt" "$@" <<'PYEOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
at = 0
for want in sys.argv[2:]:
    i = text.find(want, at)
    if i < 0:
        sys.exit(f"not found in reading order after offset {at}: {want!r}")
    at = i + len(want)
PYEOF
}
booklet() { # booklet NAME LANG ARGS... : builds, then every check
    local name=$1 lang=$2
    shift 2
    local f="$TMP/$name.pdf"
    if ! "$BIN" pdf "$@" -o "$f" >"$TMP/out" 2>&1; then
        fail "$name: export"
        head -5 "$TMP/out"
        return
    fi
    check "$name: PDF/UA-1 rules" $PY "$ROOT/tests/pdfua/check_pdfua.py" "$f" --lang "$lang"
    check "$name: readers print no warning" silent "$f"
    check "$name: pdf.js structure tree" node "$ROOT/tests/pdfua/pdfjs_check.mjs" "$f"
    "$BIN" pdf "$@" -o "$TMP/again.pdf" >/dev/null 2>&1
    check "$name: byte-identical rerun" cmp "$f" "$TMP/again.pdf"
}

PLAN="$ROOT/plan/workplan.yaml"
PROG="$ROOT/plan/progress.yaml"
PARGS=()
[ -f "$PROG" ] && PARGS=(--progress "$PROG")
booklet real-en en "$PLAN" "${PARGS[@]}"
booklet real-es es "$PLAN" --lang es "${PARGS[@]}"
booklet real-letter en "$PLAN" --paper letter "${PARGS[@]}"
booklet real-es-letter es "$PLAN" --lang es --paper letter "${PARGS[@]}"
for s in "$ROOT"/samples/*.yaml; do
    case $s in *.progress.yaml) continue ;; esac
    n=$(basename "$s" .yaml)
    p="${s%.yaml}.progress.yaml"
    # in English: each sample has it (every-script is written in Spanish first)
    if [ -f "$p" ]; then booklet "sample-$n" en "$s" --lang en --progress "$p"; else booklet "sample-$n" en "$s" --lang en; fi
done

# Reading order and words: the Spanish booklet's tree, from cover to annexes.
check "real-es: tree text in reading order" in_order "$TMP/real-es.pdf" \
    'H1 (block)' '"Índice"' 'TOCI' 'Link' 'TH:' '/Scope /Column' 'Figure' 'H3 (block)' 'Anexos'
check "real-en: headings and tables in reading order" in_order "$TMP/real-en.pdf" \
    '"Contents"' '"At a glance"' '"Activities by area and status"' '"Timeline"' \
    '"Economic cooperation"' '"ECO-01' '"Lead"' '"Annexes"' '"Glossary"'
check "real-es: /Lang es" sh -c "$PY -c \"import pikepdf,sys; sys.exit(str(pikepdf.open('$TMP/real-es.pdf').Root.Lang) != 'es')\""
# Alternative texts say in words what is drawn, in the output language.
check "real-es: alt texts in Spanish" sh -c "node -e \"
const fs=require('fs');
import('$ROOT/tests/node/node_modules/pdfjs-dist/legacy/build/pdf.mjs').then(async (pdfjs) => {
  const doc = await pdfjs.getDocument({data: new Uint8Array(fs.readFileSync('$TMP/real-es.pdf')), verbosity: 0}).promise;
  const alts = new Set();
  const walk = (n) => { if (!n) return; if (n.alt) alts.add(n.alt); (n.children||[]).forEach(walk); };
  for (let p = 1; p <= doc.numPages; p++) walk(await (await doc.getPage(p)).getStructTree());
  const a = [...alts];
  const need = [/^Avance \\\\d+ %$/, /^Color del estado /, /, T\\\\d \\\\d{4}/];
  const miss = need.filter((r) => !a.some((x) => r.test(x)));
  if (miss.length) { console.log('missing alt texts like', miss.map(String), 'among', a.slice(0, 8)); process.exit(1); }
});\""

# A missing translation: the English text standing in says so with its own /Lang.
booklet fallback-es es "$ROOT/tests/pdfua/fallback.yaml" --lang es
check "fallback-es: /Lang en on the elements of English text" $PY - "$TMP/fallback-es.pdf" <<'PYEOF'
import sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
langs = {}
for o in pdf.objects:
    if isinstance(o, pikepdf.Dictionary) and "/S" in o and "/Lang" in o:
        langs.setdefault(str(o.S), set()).add(str(o.Lang))
want = {"/H3": {"en"}, "/P": {"en"}, "/TH": {"en"}}
for s, l in want.items():
    if langs.get(s) != l:
        sys.exit(f"{s}: /Lang {langs.get(s)}, expected {l} (all: {langs})")
PYEOF

# A large portfolio is tagged like a small one: no size threshold.
"$ROOT/build/tools/gen_plan" 2000 --langs en,es >"$TMP/big.yaml" 2>/dev/null ||
    $PY - >/dev/null <<<'' # gen_plan is built by make test
if [ -s "$TMP/big.yaml" ]; then
    booklet gen-2000 es "$TMP/big.yaml" --lang es
else
    fail "gen-2000: build/tools/gen_plan did not run"
fi

# The checker can fail: each broken copy of a good booklet is caught.
mkdir "$TMP/mut"
check "checker catches every mutation" $PY "$ROOT/tests/pdfua/mutations.py" "$TMP/real-en.pdf" "$TMP/mut"

echo "pdfua: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
