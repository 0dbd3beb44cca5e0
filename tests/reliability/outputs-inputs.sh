# Issue 10 item 2: an output that is an input (plan, progress file), by any
# path, symbolic or hard link, is refused with exit 2 and nothing is written.
source "$(dirname "$0")/outputs-lib.sh"
fresh_plan p
cd "$tmp"
cp p/workplan.yaml plan.orig; cp p/progress.yaml progress.orig
ln -s p/workplan.yaml sym.yaml
ln -s sym.yaml sym2.yaml
ln p/progress.yaml hard.yaml
ln p/workplan.yaml hard-plan.yaml

refused() { # VERB OUTPUT [more args]: exit 2, the usage message, inputs unchanged, nothing new
    local verb=$1 out=$2; shift 2
    local before after
    : > stdout; : > stderr
    before=$(ls -A . p | md5sum)
    "$W" "$verb" p/workplan.yaml -o "$out" "$@" > stdout 2> stderr
    local rc=$?
    [ $rc = 2 ] || { no "$verb -o $out: exit $rc, expected 2 ($(head -2 stderr))"; return; }
    grep -q "is the input 'p/" stderr || { no "$verb -o $out: message: $(head -1 stderr)"; return; }
    cmp -s p/workplan.yaml plan.orig && cmp -s p/progress.yaml progress.orig ||
        { no "$verb -o $out: an input changed"; return; }
    after=$(ls -A . p | md5sum)
    [ "$before" = "$after" ] || { no "$verb -o $out: a file appeared or went: $(ls -A . p)"; return; }
    [ ! -s stdout ] || { no "$verb -o $out: stdout not empty"; return; }
    ok
}
for verb in pdf xlsx; do
    refused $verb p/workplan.yaml
    refused $verb p/progress.yaml
    refused $verb ./p/../p/workplan.yaml
    refused $verb "$tmp/p/progress.yaml"
    refused $verb sym.yaml
    refused $verb sym2.yaml
    refused $verb hard.yaml
done
# the check above with --progress names the file given; an explicit progress file is an input too
cp p/progress.yaml p/other-progress.yaml
cp p/other-progress.yaml other.orig
"$W" pdf p/workplan.yaml --progress p/other-progress.yaml -o p/other-progress.yaml > /dev/null 2> err
rc=$?
check "--progress FILE as output: exit $rc" [ $rc = 2 ]
check "--progress FILE kept" cmp -s p/other-progress.yaml other.orig

# build: an output in DIR that is an input refuses the whole build before writing anything
mkdir b
cp p/workplan.yaml b/pa-asean-2021-2025.es.pdf
cp p/workplan.yaml b.orig
"$W" build b/pa-asean-2021-2025.es.pdf -d b --lang en,es --progress none > out 2> err
rc=$?
check "build with an input among its outputs: exit $rc, expected 2" [ $rc = 2 ]
check "build refused: $(cat err)" grep -q "output 'b/pa-asean-2021-2025.es.pdf' is the input" err
check "build wrote nothing: $(ls -A b)" [ "$(ls -A b)" = pa-asean-2021-2025.es.pdf ]
check "build left its input" cmp -s b/pa-asean-2021-2025.es.pdf b.orig
check "build printed nothing on stdout" [ ! -s out ]

# import: the progress file it appends to is no workbook being imported, nor the plan,
# refused before anything is read or written (a workbook is not read as YAML: exit 2, not 1)
"$W" xlsx p/workplan.yaml -o book.xlsx 2> /dev/null
cp book.xlsx book.orig
ln -s book.xlsx book-link.yaml
import_refused() { # DESCRIPTION ARGS...
    local d=$1; shift
    "$W" import p/workplan.yaml "$@" > out 2> err
    local rc=$?
    check "import $d: exit $rc, expected 2 ($(head -1 err))" [ $rc = 2 ]
    check "import $d: says why: $(head -1 err)" grep -q "is the input" err
    check "import $d: the workbook is unchanged" cmp -s book.xlsx book.orig
    check "import $d: the plan and progress file are unchanged" \
        cmp -s p/workplan.yaml plan.orig && cmp -s p/progress.yaml progress.orig
}
import_refused "--progress WORKBOOK WORKBOOK" --progress book.xlsx book.xlsx
import_refused "--progress LINK-TO-WORKBOOK" --progress book-link.yaml book.xlsx
import_refused "--progress PLAN" --progress ./p/workplan.yaml book.xlsx
import_refused "with the progress file as a workbook" p/progress.yaml
import_refused "--progress HARD-LINK-OF-PLAN" --progress hard-plan.yaml book.xlsx

# an output that is no input is still written
"$W" pdf p/workplan.yaml -o p/booklet.pdf > /dev/null 2>&1
check "a plain output is written" [ "$(head -c 5 p/booklet.pdf)" = "%PDF-" ]
finish outputs-inputs
