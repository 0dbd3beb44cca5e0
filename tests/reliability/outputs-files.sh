# Issue 10 items 6 and 19, issue 11 (umask): how an output file is replaced.
# A symbolic link is followed (its target replaced, beside the target, the
# link kept); the replaced file keeps its mode, owner and group; a hard link
# is replaced (the other name keeps the old bytes, as git does); a new file
# gets 0666 less the umask; any name the file system accepts works.
source "$(dirname "$0")/outputs-lib.sh"
fresh_plan p
cd "$tmp"
"$W" pdf p/workplan.yaml -o ref.pdf 2> /dev/null && "$W" xlsx p/workplan.yaml -o ref.xlsx 2> /dev/null ||
    no "cannot make the reference outputs"
mkdir -p shared out
for kind in pdf xlsx; do
    # a chain of relative links into another folder
    echo old > shared/real.$kind
    ln -sf ../shared/real.$kind out/mid.$kind
    ln -sf mid.$kind out/link.$kind
    "$W" $kind p/workplan.yaml -o out/link.$kind 2> err
    check "$kind through links: exit $? ($(head -1 err))" [ -s shared/real.$kind ]
    check "$kind: the link's target has the output" cmp -s shared/real.$kind ref.$kind
    check "$kind: the links stay links" [ -L out/link.$kind ] && [ -L out/mid.$kind ]
    check "$kind: no temporary file beside the link or the target" no_temps out && no_temps shared
    # a dangling link: the file it names is created
    rm -f shared/new.$kind
    ln -sf ../shared/new.$kind out/dangling.$kind
    "$W" $kind p/workplan.yaml -o out/dangling.$kind 2> /dev/null
    check "$kind: a dangling link's target is created" cmp -s shared/new.$kind ref.$kind
    check "$kind: the dangling link stays a link" [ -L out/dangling.$kind ]

    # mode, owner and group are kept
    echo old > kept.$kind
    chmod 0640 kept.$kind
    if [ "$(id -u)" = 0 ]; then chown 1234:2345 kept.$kind; fi
    before=$(stat -c '%a %u %g' kept.$kind)
    "$W" $kind p/workplan.yaml -o kept.$kind 2> /dev/null
    check "$kind: written over a 0640 file" cmp -s kept.$kind ref.$kind
    check "$kind: mode, owner, group kept: $before -> $(stat -c '%a %u %g' kept.$kind)" \
        [ "$(stat -c '%a %u %g' kept.$kind)" = "$before" ]

    # a new file: 0666 less the umask
    for mask in 022 077 027; do
        rm -f new-$mask.$kind
        (umask $mask; "$W" $kind p/workplan.yaml -o new-$mask.$kind 2> /dev/null)
        want=$(printf '%o' $((0666 & ~0$mask)))
        check "$kind: umask $mask gives $want, got $(stat -c %a new-$mask.$kind)" \
            [ "$(stat -c %a new-$mask.$kind)" = "$want" ]
    done

    # a hard link is replaced: the other name keeps the old bytes (documented)
    echo old > hard-a.$kind
    ln -f hard-a.$kind hard-b.$kind
    "$W" $kind p/workplan.yaml -o hard-a.$kind 2> /dev/null
    check "$kind: the hard-linked name written" cmp -s hard-a.$kind ref.$kind
    check "$kind: the other hard link keeps the old bytes" [ "$(cat hard-b.$kind)" = old ]

    # long names: 255 bytes (the usual NAME_MAX), ASCII and multi-byte UTF-8
    long=$(printf 'n%.0s' $(seq $((255 - 1 - ${#kind}))))
    "$W" $kind p/workplan.yaml -o "out/$long.$kind" 2> err
    check "$kind: a 255-byte name: exit $? ($(head -1 err))" cmp -s "out/$long.$kind" ref.$kind
    utf=$(printf 'é%.0s' $(seq 120))   # 240 bytes
    "$W" $kind p/workplan.yaml -o "out/$utf.$kind" 2> err
    check "$kind: a 245-byte UTF-8 name: ($(head -1 err))" cmp -s "out/$utf.$kind" ref.$kind
    check "$kind: no temporary left after long names" no_temps out
done
# a name the file system refuses is refused by it (exit 3), not mangled
toolong=$(printf 'x%.0s' $(seq 256))
"$W" pdf p/workplan.yaml -o "$toolong.pdf" > /dev/null 2> err
rc=$?
check "a 260-byte name: exit $rc, expected 3" [ $rc = 3 ]
check "a 260-byte name: the reason: $(head -1 err)" grep -q "file name too long" err
finish outputs-files
