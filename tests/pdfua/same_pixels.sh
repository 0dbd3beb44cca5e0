#!/bin/bash
# The booklet looks exactly as before tagging: renders two builds' booklets
# page by page with pdftoppm and compares the pixels.
#
#     tests/pdfua/same_pixels.sh OLD_BINARY NEW_BINARY [DPI]
#
# On the real plan (en, es, letter), the samples and a generated plan of
# 2,000 activities. Prints one line per booklet; exit 1 on any difference.
set -u
OLD=${1:?usage: same_pixels.sh OLD_BINARY NEW_BINARY [DPI]}
NEW=${2:?usage: same_pixels.sh OLD_BINARY NEW_BINARY [DPI]}
DPI=${3:-50}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pixels.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000
bad=0
compare() { # NAME ARGS...
    local name=$1
    shift
    "$OLD" pdf "$@" -o "$TMP/old.pdf" >/dev/null 2>&1 || { echo "$name: old build failed"; bad=1; return; }
    "$NEW" pdf "$@" -o "$TMP/new.pdf" >/dev/null 2>&1 || { echo "$name: new build failed"; bad=1; return; }
    rm -rf "$TMP/o" "$TMP/n" && mkdir "$TMP/o" "$TMP/n"
    # the old build's own ToUnicode makes poppler complain: not what is compared here
    pdftoppm -r "$DPI" "$TMP/old.pdf" "$TMP/o/p" 2>/dev/null && pdftoppm -r "$DPI" "$TMP/new.pdf" "$TMP/n/p"
    local pages diff=0
    pages=$(ls "$TMP/o" | wc -l)
    if [ "$pages" != "$(ls "$TMP/n" | wc -l)" ]; then
        echo "$name: page counts differ"
        bad=1
        return
    fi
    for f in "$TMP"/o/*.ppm; do
        cmp -s "$f" "$TMP/n/$(basename "$f")" || { diff=$((diff + 1)); echo "$name: $(basename "$f") differs"; }
    done
    [ "$diff" -eq 0 ] && echo "$name: $pages pages, pixel-identical at $DPI dpi" || bad=1
}
compare real-en "$ROOT/plan/workplan.yaml" --progress "$ROOT/plan/progress.yaml"
compare real-es "$ROOT/plan/workplan.yaml" --progress "$ROOT/plan/progress.yaml" --lang es
compare real-letter "$ROOT/plan/workplan.yaml" --progress "$ROOT/plan/progress.yaml" --paper letter
for s in "$ROOT"/samples/*.yaml; do
    case $s in *.progress.yaml) continue ;; esac
    compare "sample-$(basename "$s" .yaml)" "$s"
done
"$ROOT/build/tools/gen_plan" 2000 --langs en,es >"$TMP/big.yaml" 2>/dev/null
compare gen-2000-es "$TMP/big.yaml" --lang es
exit $bad
