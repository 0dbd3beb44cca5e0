#!/bin/bash
# `make bench-peer`: the Python peer (../shared/bench, ReportLab + XlsxWriter)
# and workplan timed by the peer's own measure.py in the same run, on the same
# generated plans; prints both tables and the ratios of the medians.
set -eu
cd "$(dirname "$0")/../.."
bench=${PEER_BENCH:-../shared/bench}
if [ ! -f "$bench/measure.py" ]; then
    echo "bench-peer: $bench/measure.py not found (set PEER_BENCH)" >&2; exit 2
fi
scripts/install-deps.sh --bench
SIZES=${SIZES:-50,500,5000}
RUNS=${RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the plans and outputs go under $out, removed on exit (measure.py keeps its own workdir)
/usr/bin/python3 "$bench/measure.py" --sizes "$SIZES" --runs "$RUNS" --workdir "$out/peer" |
    tee "$out/peer.md"
/usr/bin/python3 "$bench/measure.py" --sizes "$SIZES" --runs "$RUNS" --workdir "$out/workplan" \
    -- "$(realpath build/workplan)" build | tee "$out/workplan.md"
echo
echo "| N | peer s | workplan s | speed-up | peer MiB | workplan MiB | peer PDF KB | workplan PDF KB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
paste -d'|' <(grep '^| [0-9]' "$out/peer.md") <(grep '^| [0-9]' "$out/workplan.md") |
    awk -F'|' '{ printf "| %s | %s | %s | %.0fx | %s | %s | %d | %d |\n", $2, $4, $14, $4/$14, $6, $16, $7/1024, $17/1024 }'
