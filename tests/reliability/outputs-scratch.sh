# The booklet's scratch files (its compressed pages and its structure tree) sit
# beside the output's temporary file, unlinked from the moment they exist: the
# booklet needs no TMPDIR, a /tmp in memory does not hold the pages, and no way
# of ending the process leaves them behind (docs/reliability.md).
source "$(dirname "$0")/outputs-lib.sh"
fresh_plan p
cd "$tmp"
"$W" pdf p/workplan.yaml -o ref.pdf 2> /dev/null || no "cannot make the reference booklet"
mkdir out

TMPDIR=$tmp/no-such-folder "$W" pdf p/workplan.yaml -o out/x.pdf 2> err
rc=$?
check "pdf with a TMPDIR that does not exist: exit $rc ($(head -2 err))" [ $rc = 0 ]
check "pdf with a TMPDIR that does not exist: the same booklet" cmp -s ref.pdf out/x.pdf
check "no scratch file left beside the output: $(ls -A out)" no_temps out

# while a large booklet is made, both scratch files are open, unlinked, beside it
gen_plan 3000 --measured 3 > big.yaml
"$W" pdf big.yaml --progress none -o out/big.pdf 2> /dev/null &
pid=$!
seen=
for _ in $(seq 1 1500); do
    open=$(ls -l "/proc/$pid/fd" 2> /dev/null |
        grep -oE "$tmp/out/\.workplan-tmp\.(pages|tags)\.[A-Za-z0-9]{6} \(deleted\)" | sort -u)
    if [[ "$open" == *pages* && "$open" == *tags* ]]; then
        seen=$open
        break
    fi
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.01
done
wait "$pid"
rc=$?
check "the large booklet: exit $rc" [ $rc = 0 ]
check "its pages and tags scratch files were open beside the output and unlinked: '$seen'" \
    [ "$(printf '%s\n' "$seen" | wc -l)" = 2 ]
check "no scratch file left beside the output: $(ls -A out)" no_temps out
check "the large booklet is whole" qpdf --check out/big.pdf > /dev/null
finish outputs-scratch
