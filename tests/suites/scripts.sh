#!/bin/bash
# Every member's writing (issue 18): the sample written in every member's script
# (samples/every-script.yaml), in Spanish and English, is printed whole.
#
#     tests/suites/scripts.sh BINARY
#
# - pdftotext -raw (the content's order) gives back every string of the plan and
#   progress file (NFC, whitespace and a reader's bidi marks aside); pdftotext's
#   default mode every string with no right-to-left letter (its layout analysis
#   moves the neutral characters at the edge of a right-to-left stretch inside a
#   left-to-right line); pdf.js (NFKC, as it normalises) every string but Khmer
#   and Myanmar ones: pdf.js and mupdf 1.21 ignore ActualText, so those scripts'
#   split vowels and medials come out of them in glyph order (mupdf is not asked);
# - every glyph drawn is a glyph id of an embedded font, none glyph 0, none blank
#   for a visible character (fontTools reads the embedded subsets);
# - poppler, mupdf, Ghostscript and pdf.js read it without a warning;
# - a character no installed font covers is warned about at FILE:LINE:COLUMN with
#   the character, drawn as a visible box and kept in the text layer.
# Prints `scripts: N passed, M failed` last.
set -u
BIN=${1:?usage: scripts.sh BINARY}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
CHECK="$ROOT/tests/scripts/check_scripts.py"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/scripts.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1760000000
passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
    local desc=$1
    shift
    if "$@" >"$TMP/out" 2>&1; then passed=$((passed + 1)); else
        failed=$((failed + 1))
        echo "FAIL: $desc"
        head -20 "$TMP/out" | sed 's/^/    /'
    fi
}
# stderr of every reader empty (as tests/suites/pdfua.sh asks of the other booklets)
silent() { # silent PDF
    local f=$1 out
    out=$(pdftotext "$f" /dev/null 2>&1; pdffonts "$f" 2>&1 >/dev/null)
    [ -z "$out" ] || { echo "poppler: $out"; return 1; }
    out=$(mutool draw -o /dev/null "$f" 2>&1 | grep -v -e '^page ' -e '^warning: ICC support is not available$')
    [ -z "$out" ] || { echo "mupdf: $out"; return 1; }
    out=$(gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$f" 2>&1)
    [ -z "$out" ] || { echo "ghostscript: $out"; return 1; }
}
PLAN="$ROOT/samples/every-script.yaml"
PROG="$ROOT/samples/every-script.progress.yaml"
for lang in es en; do
    f="$TMP/$lang.pdf"
    check "$lang: export, no warning" sh -c "'$BIN' pdf '$PLAN' --progress '$PROG' --lang $lang -o '$f' 2>&1 >/dev/null | { ! grep .; }"
    [ -f "$f" ] || continue
    pdftotext "$f" "$TMP/$lang.poppler.txt" 2>/dev/null
    pdftotext -raw "$f" "$TMP/$lang.raw.txt" 2>/dev/null
    check "$lang: pdf.js reads it without a warning" \
        sh -c "node '$ROOT/tests/scripts/pdfjs_text.mjs' '$f' > '$TMP/$lang.pdfjs.txt'"
    check "$lang: every string in pdftotext -raw, pdftotext and pdf.js" $PY "$CHECK" text \
        "$PLAN" "$PROG" $lang "$TMP/$lang.raw.txt" "ltr:$TMP/$lang.poppler.txt" \
        "nfkc,glyphs:$TMP/$lang.pdfjs.txt"
    check "$lang: no glyph 0, no blank glyph" $PY "$CHECK" glyphs "$f"
    check "$lang: poppler, mupdf, Ghostscript silent" silent "$f"
done

# A character that no installed font covers: warned at its place, drawn as a box, kept.
sed 's/^\(        title: "Comercio justo · \)/\1𐕰 /' "$PLAN" > "$TMP/uncovered.yaml"
grep -q '𐕰' "$TMP/uncovered.yaml" || echo "FAIL: the uncovered character was not put in"
"$BIN" pdf "$TMP/uncovered.yaml" --progress none -o "$TMP/uncovered.pdf" 2>"$TMP/uncovered.err" >/dev/null
check "uncovered: exit 0" test -s "$TMP/uncovered.pdf"
line=$(grep -n '𐕰' "$TMP/uncovered.yaml" | cut -d: -f1)
check "uncovered: warned at FILE:LINE:COLUMN naming U+10570" \
    grep -E "^$TMP/uncovered.yaml:$line:[0-9]+: warning: .*U\+10570" "$TMP/uncovered.err"
check "uncovered: drawn as a visible box" $PY "$CHECK" box "$TMP/uncovered.pdf" '𐕰'
check "uncovered: kept in the text layer" sh -c "pdftotext '$TMP/uncovered.pdf' - | grep -q '𐕰'"

# Split vowels drawn as two glyphs neither of which is a character's own (Khmer, Bengali,
# Oriya, Myanmar): every glyph drawn still has a ToUnicode entry (PDF/UA), the text kept.
sed 's/^\(        title: "Comercio justo · \)/\1កៀ កោ កើ កឿ កៅ ডো কৌ ଡୋ ကော် /' "$PLAN" > "$TMP/split.yaml"
"$BIN" pdf "$TMP/split.yaml" --progress none --lang en -o "$TMP/split.pdf" 2>/dev/null >/dev/null
check "split vowels: PDF/UA-1 rules (a ToUnicode entry for every glyph drawn)" \
    $PY "$ROOT/tests/pdfua/check_pdfua.py" "$TMP/split.pdf" --lang en
check "split vowels: kept in the text layer" sh -c \
    "pdftotext '$TMP/split.pdf' - | tr -d ' \n' | grep -q 'កៀកោកើកឿកៅ'"

echo "scripts: $passed passed, $failed failed"
[ "$failed" = 0 ]
