#!/bin/bash
# Results in the booklet (issue 12): the text pdftotext extracts from the
# sample's and the real plan's booklets, in English and Spanish, must hold the
# results tables' values, "Results at a glance", the record of implementation
# and the events under each activity; nothing may overlap or run off a page,
# also with 2,000 activities carrying 3 measured indicators each.
#   tests/suites/results.sh WORKPLAN
set -u
W=$1
case $W in /*) ;; *) W=$PWD/$W ;; esac
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wp-results.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# text NAME: the booklet's text, one line per layout line, runs of blanks squeezed
text() { pdftotext -layout "$tmp/$1" - 2> /dev/null | sed 's/[[:space:]]\+/ /g; s/^ //; s/ $//'; }

# has NAME 'LINE' [WHAT]: a whole line, blanks squeezed, is in the booklet's text
has() {
    if text "$1" | grep -Fxq -- "$2"; then ok; else bad "$1: no line '$2' ${3:-}"; fi
}
# count NAME 'TEXT' N: TEXT occurs on exactly N lines
count() {
    local n
    n=$(text "$1" | grep -Fc -- "$2")
    if [ "$n" = "$3" ]; then ok; else bad "$1: '$2' on $n lines, expected $3"; fi
}
# before NAME 'A' 'B': A's first line comes before B's
before() {
    local a b
    a=$(text "$1" | grep -Fn -- "$2" | head -1 | cut -d: -f1)
    b=$(text "$1" | grep -Fn -- "$3" | head -1 | cut -d: -f1)
    if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then ok; else bad "$1: '$2' ($a) not before '$3' ($b)"; fi
}
pdf() { # OUT PLAN [args]
    local out=$1 plan=$2
    shift 2
    if "$W" pdf "$plan" -o "$tmp/$out" "$@" > /dev/null 2> "$tmp/err"; then ok; else
        bad "pdf $out: $(head -3 "$tmp/err")"
    fi
}
no_overlap() { # NAME [FIRST LAST]
    local out
    if out=$($PY tests/results/overlap_check.py "$tmp/$1" "${@:2}"); then ok; else
        bad "$1: $(echo "$out" | head -5)"
    fi
}

S=samples/other-programme.yaml
SP=samples/other-programme.progress.yaml
pdf en.pdf $S --progress $SP
pdf es.pdf $S --progress $SP --lang es

# ---- the results tables (values checked by hand against the model's rule) ----
# reached; higher is better
has en.pdf "Pilot sites calibrated sites 0 6 6 100 %"
has en.pdf "SITES by Q4 2024 20 December reached"
# a later entry of the same date wins: 5 theses of 12, behind half-way through the time
has en.pdf "Co-supervised theses started theses 0 12 5 42 %"
has en.pdf "THESES by H1 2026 31 March 2025 behind"
# lower is better: 35 -> 28 of the way to 10 is 28 %, ahead of the 21 % of time elapsed
has en.pdf "Uncertainty of the carbon stock % 35 10 28 28 %"
has en.pdf "estimates by Q3 2026 30 June 2025 on track"
has en.pdf "UNCERTAINTY · lower is better"
# not reported: no value, not the baseline
has en.pdf "Days to approve a stay days 45 20 not reported yet"
has en.pdf "Monthly visitors visitors a 0 2,500 not reported yet"
has en.pdf "Datasets published datasets 0 30 12 40 %"
# Spanish: labels, no grouping of four digits, "menos es mejor"
has es.pdf "Sitios piloto calibrados sitios 0 6 6 100 %"
has es.pdf "Visitantes mensuales visitantes 0 2500 sin informar aún"
has es.pdf "APPROVAL_DAYS · menos es mejor para S2 2026"
count es.pdf "alcanzada" 1
# text indicators are still listed as before (bullets are drawn, not text)
has en.pdf "Indicators Number of member sites applying the protocol"

# ---- results at a glance: measured, reported, on track, reached per area ----
has en.pdf "Joint research 3 3 2 1"
has en.pdf "Training and mobility 2 1 0 0"
has en.pdf "Open data and outreach 2 1 0 0"
has en.pdf "Total 7 5 2 1"
has en.pdf "On track as of 30 June 2025: see the glossary for how it is judged."
has es.pdf "Investigación conjunta 3 3 2 1"
before en.pdf "Results at a glance" "Timeline"

# ---- the record of implementation, in date order (file order for a tie) ----
before en.pdf "15 February 2024 Programme approved" "20 December 2024 Protocol manual launched"
before en.pdf "20 December 2024 Protocol manual launched" "20 June 2025 Mid-term review"
before en.pdf "20 June 2025 Mid-term review" "20 June 2025 Data agreement signed"
has en.pdf "Activities RES-03 Mangrove blue carbon assessment"
has en.pdf "Link https://example.org/coastal-network/council-2025"
# and under each activity the events naming it
has en.pdf "Record 20 December 2024 – Protocol manual launched at the winter seminar"
has en.pdf "Record 20 June 2025 – Data agreement signed with the coastal municipalities'"
has es.pdf "Registro de la implementación"
# the glossary says how "on track" is judged, with the build date
has en.pdf "On track A measured indicator is on track when its latest value has covered at least the"

# ---- decimals and direction in both languages (tests/golden/results.yaml) ----
G=tests/golden/results.yaml
pdf g.en.pdf $G --progress tests/golden/results.progress.yaml
pdf g.es.pdf $G --progress tests/golden/results.progress.yaml --lang es
has g.en.pdf "Days 12.5 3 7.5 53 %"
has g.es.pdf "Días 12,5 3 7,5 53 %"

# ---- the real plan: no indicators, the reviews once each, the webinar under ECO-06 ----
pdf real.pdf plan/workplan.yaml
count real.pdf "Results at a glance" 0
count real.pdf "Record of implementation" 3 # contents, running header, the chapter
# each review's paragraph is printed once, in the record, not under 20 activities
count real.pdf "The review covered the Work Plan as a whole" 1
has real.pdf "Record 25 June 2024 – Webinar “Mainstreaming Gender Equality: Exchange of Good"
before real.pdf "16 August 2022 Review of implementation" "25 June 2024 Webinar"
before real.pdf "15 August 2024 Meeting of the National" "25 September 2024 7th ASEAN-Pacific"

# ---- nothing overlaps or runs off a page ----
for f in en.pdf es.pdf g.en.pdf g.es.pdf real.pdf; do no_overlap $f; done
"$ROOT/build/san/tools/gen_plan" 2000 --measured 3 --langs en,es > "$tmp/big.yaml" 2> /dev/null ||
    build/tools/gen_plan 2000 --measured 3 --langs en,es > "$tmp/big.yaml"
build/tools/gen_plan 2000 --measured 3 --progress > "$tmp/big.progress.yaml"
pdf big.es.pdf "$tmp/big.yaml" --progress "$tmp/big.progress.yaml" --lang es
has big.es.pdf "Total 6000 2304 957 818"
# the overview and a stretch of activity pages (all 1,500 pages take a minute)
no_overlap big.es.pdf 1 120

echo "results: $pass passed, $fail failed"
[ "$fail" = 0 ]
