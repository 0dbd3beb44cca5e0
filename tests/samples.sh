#!/bin/bash
# The samples' committed outputs must be what the current code produces.
#   tests/samples.sh check        compare (a byte comparison: outputs are reproducible)
#   tests/samples.sh regenerate   rewrite samples/out/ and the PNG previews
set -u
cd "$(dirname "$0")/.."
W=${WORKPLAN:-build/workplan}
mode=${1:-check}
# name, languages: each sample plan and the languages its outputs are made in
samples=("minimal en" "other-programme en,es")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
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
if [ "$mode" = regenerate ]; then
    mkdir -p samples/previews
    for pdf in samples/out/*.pdf; do
        stem=$(basename "$pdf" .pdf)
        pdftoppm -r 40 -png -singlefile -f 1 -l 1 "$pdf" "samples/previews/$stem"
    done
fi
echo "samples: $pass passed, $fail failed"
[ "$fail" = 0 ]
