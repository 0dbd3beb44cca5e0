#!/bin/bash
# The samples' committed outputs must be what the current code produces.
#   tests/samples.sh check        compare (a byte comparison: outputs are reproducible),
#                                 both ways: every output committed, every committed file produced
#   tests/samples.sh regenerate   rewrite samples/out/ (dropping what is no longer produced)
#                                 and the PNG previews
set -u
cd "$(dirname "$0")/.."
W=${WORKPLAN:-build/workplan}
mode=${1:-check}
# name, languages: each sample plan and the languages its outputs are made in
samples=("minimal en" "other-programme en,es" "every-script es,en")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
declare -A produced=()
for entry in "${samples[@]}"; do
    read -r name langs <<< "$entry"
    progress=samples/$name.progress.yaml
    [ -f "$progress" ] || progress=none
    if ! "$W" build "samples/$name.yaml" -d "$tmp/$name" --lang "$langs" --progress "$progress" \
            > /dev/null; then
        echo "samples: $name does not build"; fail=$((fail + 1)); continue
    fi
    for f in "$tmp/$name"/*; do
        base=$(basename "$f")
        produced[$base]=1
        if [ "$mode" = regenerate ]; then
            mkdir -p samples/out
            cp "$f" "samples/out/$base"
        fi
        if cmp -s "$f" "samples/out/$base"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "samples: samples/out/$base differs from what the code produces (make samples)"
        fi
    done
done
# the other way: a committed output the code no longer produces
for f in samples/out/*; do
    base=$(basename "$f")
    [ -n "${produced[$base]:-}" ] && continue
    if [ "$mode" = regenerate ]; then
        rm -f "$f"
    else
        fail=$((fail + 1))
        echo "samples: samples/out/$base is no longer produced (make samples)"
    fi
done
if [ "$mode" = regenerate ]; then
    mkdir -p samples/previews
    for pdf in samples/out/*.pdf; do
        stem=$(basename "$pdf" .pdf)
        pdftoppm -r 40 -png -singlefile -f 1 -l 1 "$pdf" "samples/previews/$stem" 2> /dev/null
    done
    # the README's tour: the sample's results (its first results table, its record of
    # implementation), found by their text so that they follow the pagination
    sample_pdf=samples/out/coastal-network-2024-2027.pdf
    pages=$(pdfinfo "$sample_pdf" 2> /dev/null | awk '/^Pages:/ {print $2}')
    shot() { # NAME TEXT: the first page (after the contents) whose text has TEXT
        for ((p = 3; p <= pages; p++)); do
            if pdftotext -f "$p" -l "$p" "$sample_pdf" - 2> /dev/null | grep -Fq "$2"; then
                pdftoppm -r 50 -png -singlefile -f "$p" -l "$p" "$sample_pdf" \
                    "samples/previews/$1" 2> /dev/null
                return
            fi
        done
    }
    shot results-table "How far along"
    shot record "Dated events concerning the plan"
    # every member's writing: an area chapter of the sample in every member's script
    sample_pdf=$(ls samples/out/*.pdf | grep -v -e coastal -e minimal | grep -v '\.en\.pdf$' | head -1)
    pages=$(pdfinfo "$sample_pdf" 2> /dev/null | awk '/^Pages:/ {print $2}')
    shot every-script "Formación de docentes y materiales"
    # the README's tour: pages of the real plan's booklet (cover, contents, at a
    # glance, the first area) and its Tracker sheet as LibreOffice shows it to Peru
    "$W" build plan/workplan.yaml -d "$tmp/real" --lang en --members > /dev/null
    for page in "1 cover" "2 contents" "4 at-a-glance" "5 area-chapter"; do
        read -r n name <<< "$page"
        pdftoppm -r 50 -png -singlefile -f "$n" -l "$n" "$tmp/real/pa-asean-2021-2025.pdf" \
            "samples/previews/$name" 2> /dev/null
    done
    if command -v soffice > /dev/null; then
        soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf \
            --outdir "$tmp/real" "$tmp/real/pa-asean-2021-2025.PE.xlsx" > /dev/null 2>&1
        # the top-left corner, large enough to read
        pdftoppm -r 130 -x 0 -y 0 -W 1100 -H 560 -png -singlefile -f 2 -l 2 \
            "$tmp/real/pa-asean-2021-2025.PE.pdf" \
            samples/previews/workbook-tracker 2> /dev/null
    fi
fi
echo "samples: $pass passed, $fail failed"
[ "$fail" = 0 ]
