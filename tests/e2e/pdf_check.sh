#!/bin/sh
# End-to-end checks of the PDF booklet.
#
#     tests/e2e/pdf_check.sh BINARY
#
# BINARY is `workplan` (run as `BINARY pdf PLAN -o OUT ...`) or the test
# driver build/*/tools/pdf-demo (run as `BINARY PLAN OUT ...`). For
# plan/workplan.yaml (when present), the test plan tests/data/pdf/booklet.yaml
# and a generated plan of 2,000 activities, in English, Spanish and on letter
# paper, it checks: qpdf --check, every font embedded, every activity title
# extracted intact, contents page numbers, the outline, byte-identical reruns,
# the PDF/UA-1 rules (tests/pdfua/check_pdfua.py) and that failed runs leave
# an existing output untouched. Prints
# `pdf: N passed, M failed` last and exits non-zero on any failure.
set -u

BIN=${1:?usage: pdf_check.sh BINARY}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pdf_check.XXXXXX")
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000
# the subset fonts' temporary files go here, so the end can check none is left
mkdir "$TMP/tmpdir"
export TMPDIR="$TMP/tmpdir"

passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*" >&2
}
check() { # check DESCRIPTION COMMAND...
    desc=$1
    shift
    if "$@" >"$TMP/check.out" 2>&1; then ok; else
        fail "$desc"
        sed 's/^/    /' "$TMP/check.out" | head -20 >&2
    fi
}

# run_pdf PLAN OUT [--lang L] [--paper P] [--progress F]: the booklet, by either driver
run_pdf() {
    rp_plan=$1
    rp_out=$2
    shift 2
    case $(basename "$BIN") in
    pdf-demo*) "$BIN" "$rp_plan" "$rp_out" "$@" ;;
    *) "$BIN" pdf "$rp_plan" -o "$rp_out" "$@" ;;
    esac
}

fonts_embedded() { # every font row of pdffonts says emb yes
    pdffonts "$1" 2>/dev/null | awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad++ }
        END { if (n == 0 || bad) { print n " fonts, " bad+0 " not embedded"; exit 1 } }'
}

page_size() { # page_size PDF "W x H"
    pdfinfo "$1" 2>/dev/null | grep -q "^Page size: *$2 pts"
}

# check_booklet NAME PLAN [--progress F]: every property, en, es and letter
check_booklet() {
    name=$1
    plan=$2
    shift 2
    for variant in en es letter; do
        case $variant in
        en) args="--lang en" ;;
        es) args="--lang es" ;;
        letter) args="--paper letter" ;;
        esac
        out="$TMP/$name-$variant.pdf"
        # shellcheck disable=SC2086
        if ! run_pdf "$plan" "$out" $args "$@" 2>"$TMP/$name-$variant.err"; then
            fail "$name $variant: the booklet was not written"
            sed 's/^/    /' "$TMP/$name-$variant.err" >&2
            continue
        fi
        ok
        check "$name $variant: qpdf --check" qpdf --check "$out"
        check "$name $variant: every font embedded" fonts_embedded "$out"
        lang=$variant
        [ "$variant" = letter ] && lang=$($PY -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print((d["plan"].get("languages") or ["en"])[0])' "$plan")
        check "$name $variant: titles, contents, outline" $PY "$HERE/pdf_props.py" "$plan" "$out" "$lang"
        # tagged PDF/UA-1 (tests/suites/pdfua.sh checks the 2,000-activity booklet and more)
        if [ "$name" != gen2000 ]; then
            check "$name $variant: PDF/UA-1 rules" $PY "$ROOT/tests/pdfua/check_pdfua.py" "$out" --lang "$lang"
        fi
        if [ "$variant" = letter ]; then
            check "$name letter: page size" page_size "$out" "612 x 792"
        else
            check "$name $variant: A4 page size" page_size "$out" "595.276 x 841.89"
        fi
        # shellcheck disable=SC2086
        run_pdf "$plan" "$out.again" $args "$@" 2>/dev/null
        check "$name $variant: two runs byte-identical" cmp "$out" "$out.again"
    done
}

# 1. the real plan
if [ -f "$ROOT/plan/workplan.yaml" ]; then
    if [ -f "$ROOT/plan/progress.yaml" ]; then
        check_booklet real "$ROOT/plan/workplan.yaml" --progress "$ROOT/plan/progress.yaml"
    else
        check_booklet real "$ROOT/plan/workplan.yaml"
    fi
fi

# modalities are text: the Spanish booklet says "organización", not the English word
if [ -f "$TMP/real-es.pdf" ]; then
    has_word() { pdftotext "$1" - 2>/dev/null | grep -qw "$2"; }
    check "real es: modality in Spanish" has_word "$TMP/real-es.pdf" "organización"
    check "real es: no English modality" sh -c "! pdftotext '$TMP/real-es.pdf' - 2>/dev/null |
        grep -qw -e organization -e promotion"
    # an empty list of activities (leads none) agrees in gender: "Ninguna"
    check "real es: Ninguna, not Ninguno" sh -c "pdftotext '$TMP/real-es.pdf' - 2>/dev/null |
        grep -qx 'Ninguna' && ! pdftotext '$TMP/real-es.pdf' - 2>/dev/null | grep -qw Ninguno"
fi

# 2. the test plan: Vietnamese, Portuguese and Spanish letters, every status
check_booklet booklet "$ROOT/tests/data/pdf/booklet.yaml" --progress "$ROOT/tests/data/pdf/progress.yaml"
vn_text() { pdftotext "$1" - 2>/dev/null | grep -q "$2"; }
check "booklet: Vietnamese letters extracted" vn_text "$TMP/booklet-en.pdf" "Basin planning school in Đà Nẵng"
check "booklet: tone marks extracted" vn_text "$TMP/booklet-es.pdf" "Thừa Thiên–Huế"

# 3. a generated plan of 2,000 activities, with its progress file, from the
# project's generator (tests/tools/gen_plan.c; built here when it is missing)
GEN=
for g in "$ROOT/build/san/tools/gen_plan" "$ROOT/build/tools/gen_plan"; do
    [ -x "$g" ] && GEN=$g && break
done
if [ -z "$GEN" ]; then
    make -C "$ROOT" -s build/tools/gen_plan >/dev/null && GEN="$ROOT/build/tools/gen_plan"
fi
"$GEN" 2000 --langs en,es >"$TMP/gen2000.yaml"
"$GEN" 2000 --langs en,es --progress >"$TMP/gen2000.progress.yaml"
check_booklet gen2000 "$TMP/gen2000.yaml" --progress "$TMP/gen2000.progress.yaml"

# dates: SOURCE_DATE_EPOCH, else the newest input date (the progress report of 2024-06-30)
dates() { pdfinfo -isodates "$1" 2>/dev/null | grep -q "^CreationDate: *$2"; }
check "booklet: CreationDate from SOURCE_DATE_EPOCH" dates "$TMP/booklet-en.pdf" "2023-11-14T22:13:20"
(
    unset SOURCE_DATE_EPOCH
    run_pdf "$ROOT/tests/data/pdf/booklet.yaml" "$TMP/nosde1.pdf" --progress "$ROOT/tests/data/pdf/progress.yaml"
    sleep 1
    run_pdf "$ROOT/tests/data/pdf/booklet.yaml" "$TMP/nosde2.pdf" --progress "$ROOT/tests/data/pdf/progress.yaml"
) 2>/dev/null
check "booklet: CreationDate from the newest input date" dates "$TMP/nosde1.pdf" "2024-06-30T00:00:00"
check "booklet: byte-identical without SOURCE_DATE_EPOCH" cmp "$TMP/nosde1.pdf" "$TMP/nosde2.pdf"

# 4. characters no installed font has (U+10570 Vithkuqi; U+1F33E, whose only font is a colour
#    emoji font that cannot be embedded): warnings naming them, drawn as boxes; Chinese from
#    Noto Sans CJK and symbols Noto Sans lacks from a symbol font, without a warning
sed -e 's/Quinoa and rice seed banks/Quinoa 中 𐕰 rice seed banks 🌾 ≤ 40 → ✓/' \
    "$ROOT/tests/data/pdf/booklet.yaml" >"$TMP/glyphs.yaml"
run_pdf "$TMP/glyphs.yaml" "$TMP/glyphs.pdf" --lang en 2>"$TMP/glyphs.err"
check "missing glyph: still written" test -s "$TMP/glyphs.pdf"
check "missing glyph: warning names U+10570 and the activity" \
    grep -q "warning: character U+10570 '𐕰' is in no installed font and is drawn as a box (activity 'AGR-01', title)" "$TMP/glyphs.err"
check "missing glyph: no warning for Chinese (Noto Sans CJK)" sh -c "! grep -q 'U+4E2D' '$TMP/glyphs.err'"
check "symbols: no warning for ≤ → ✓" sh -c "! grep -qE 'U\+(2264|2192|2713)' '$TMP/glyphs.err'"
check "symbols: drawn and extracted" sh -c "pdftotext '$TMP/glyphs.pdf' - 2>/dev/null | grep -q 'Quinoa 中 𐕰 rice seed banks 🌾 ≤ 40 → ✓'"
check "symbols: the fallback fonts embedded" sh -c "pdffonts '$TMP/glyphs.pdf' 2>/dev/null | grep -q 'NotoSansMath-Regular .*yes yes yes' && pdffonts '$TMP/glyphs.pdf' 2>/dev/null | grep -q 'NotoSansSymbols2-Regular .*yes yes yes'"
check "missing glyph: warning names U+1F33E" grep -q "U+1F33E" "$TMP/glyphs.err"

# 5. failed runs leave an existing output untouched
mkdir -p "$TMP/keep"
cp "$TMP/booklet-en.pdf" "$TMP/keep/x.pdf"
cp "$TMP/keep/x.pdf" "$TMP/keep.orig"
# no fonts at all: fontconfig with an empty configuration
cat >"$TMP/empty-fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>/nonexistent-workplan-cache</cachedir></fontconfig>
EOF
FONTCONFIG_FILE="$TMP/empty-fonts.conf" run_pdf "$ROOT/tests/data/pdf/booklet.yaml" "$TMP/keep/x.pdf" \
    --lang es 2>"$TMP/nofont.err"
rc=$?
check "missing fonts: exit status 3 (was $rc)" test "$rc" -eq 3
check "missing fonts: a clear diagnostic" grep -q "font 'Noto Sans' (regular and bold) not found (install the fonts-noto-core package)" "$TMP/nofont.err"
check "missing fonts: existing output untouched" cmp "$TMP/keep/x.pdf" "$TMP/keep.orig"
check "missing fonts: no temporary file left" test "$(ls -A "$TMP/keep")" = "x.pdf"
# an output into a folder that does not exist
run_pdf "$ROOT/tests/data/pdf/booklet.yaml" "$TMP/no/such/dir/x.pdf" 2>"$TMP/nodir.err"
rc=$?
check "no such folder: exit status 3 (was $rc)" test "$rc" -eq 3
check "no such folder: the path is named" grep -q "no/such/dir/x.pdf" "$TMP/nodir.err"
# a read-only folder (root may write anyway: then only the output is compared)
chmod a-w "$TMP/keep"
run_pdf "$ROOT/tests/data/pdf/booklet.yaml" "$TMP/keep/x.pdf" --lang es 2>/dev/null
rc=$?
chmod u+w "$TMP/keep"
if [ "$(id -u)" != 0 ]; then
    check "read-only folder: exit status 3 (was $rc)" test "$rc" -eq 3
    check "read-only folder: existing output untouched" cmp "$TMP/keep/x.pdf" "$TMP/keep.orig"
fi

check "no temporary font file left" test -z "$(ls -A "$TMP/tmpdir")"
check "no temporary output left" test -z "$(ls -A "$TMP" | grep '^\.')"

echo "pdf: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
