#!/bin/bash
# `make bench`: times load+check, the booklet and the workbook separately on
# generated plans (whole process, median of RUNS runs, peak RSS) and prints one
# table. Needs only the repo: plans come from build/tools/gen_plan, with
# MEASURED measured indicators per activity (default 3) and values reported.
#   SIZES="50 500 2000 5000 20000" RUNS=3 MEASURED=3 tests/bench/bench.sh
set -eu
cd "$(dirname "$0")/../.."
W=$(realpath build/workplan)
GEN=$(realpath build/tools/gen_plan)
SIZES=${SIZES:-50 500 2000 5000 20000}
RUNS=${RUNS:-3}
# measured indicators per activity in the generated plans (issue 12: results)
MEASURED=${MEASURED:-3}
work=$(mktemp -d /tmp/wp-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1735689600

# median wall seconds (from the nanosecond clock: /usr/bin/time's %e has only
# centiseconds, too coarse for 50 activities) and median peak RSS (MiB) of RUNS
# runs of "$@"; prints "WALL RSS", or fails with the command's error output
measure() {
    local walls=() rss=() t0 t1
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N)
        if ! /usr/bin/time -f "%M" -o "$work/time" "$@" > /dev/null 2> "$work/err"; then
            echo "bench: command failed: $*" >&2; tail -5 "$work/err" >&2; return 1
        fi
        t1=$(date +%s%N)
        walls+=("$(( (t1 - t0) / 1000000 ))"); rss+=("$(tail -1 "$work/time")")
    done
    local mw mr
    mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}')
    mr=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1024}')
    echo "$mw $mr"
}

echo "workplan bench: $(nproc) cores, $RUNS runs each, median wall s, peak RSS MiB"
printf '| %6s | %9s | %13s | %7s | %15s | %9s | %6s | %15s | %9s | %15s | %9s |\n' \
    N "YAML MB" "load+check s" "MB/s" "pdf s / MiB" "pdf KB" pages "xlsx s / MiB" "xlsx KB" \
    "build s / MiB" "ms/activity"
printf '|%s|\n' "-------:|----------:|--------------:|--------:|----------------:|----------:|-------:|----------------:|----------:|----------------:|----------:"
for n in $SIZES; do
    d="$work/n$n"; mkdir -p "$d"
    "$GEN" "$n" --measured "$MEASURED" > "$d/plan.yaml"
    "$GEN" "$n" --measured "$MEASURED" --progress > "$d/progress.yaml"
    mb=$(awk -v b="$(stat -c %s "$d/plan.yaml")" 'BEGIN {printf "%.2f", b/1048576}')
    m=$(measure "$W" check "$d/plan.yaml") && read -r tc rc <<< "$m"
    m=$(measure "$W" pdf "$d/plan.yaml" -o "$d/x.pdf") && read -r tp rp <<< "$m"
    m=$(measure "$W" xlsx "$d/plan.yaml" -o "$d/x.xlsx") && read -r tx rx <<< "$m"
    m=$(measure "$W" build "$d/plan.yaml" -d "$d/out") && read -r tb rb <<< "$m"
    pages=$(pdfinfo "$d/x.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    rate=$(awk -v m="$mb" -v t="$tc" 'BEGIN {printf "%.0f", (t > 0 ? m/t : 0)}')
    per=$(awk -v t="$tb" -v n="$n" 'BEGIN {printf "%.3f", (n > 0 ? 1000*t/n : 0)}')
    printf '| %6s | %9s | %13s | %7s | %15s | %9s | %6s | %15s | %9s | %15s | %9s |\n' \
        "$n" "$mb" "$tc" "$rate" "$tp / $rp" "$(( $(stat -c %s "$d/x.pdf") / 1024 ))" "$pages" \
        "$tx / $rx" "$(( $(stat -c %s "$d/x.xlsx") / 1024 ))" "$tb / $rb" "$per"
done
