# Issue 10 item 5: `-o -` writes to stdout; any other output that exists as
# anything but a regular file (after following links: /dev/stdout is a link
# to a pipe or terminal) is refused with exit 2 and stays what it was.
source "$(dirname "$0")/outputs-lib.sh"
fresh_plan p
cd "$tmp"
"$W" pdf p/workplan.yaml -o ref.pdf 2> /dev/null && "$W" xlsx p/workplan.yaml -o ref.xlsx 2> /dev/null ||
    no "cannot make the reference outputs"
mkdir own-tmp
for kind in pdf xlsx; do
    TMPDIR=$tmp/own-tmp "$W" $kind p/workplan.yaml -o - 2> err | cat > piped.$kind
    rc=${PIPESTATUS[0]}
    check "$kind -o - through a pipe: exit $rc ($(head -2 err))" [ "$rc" = 0 ]
    check "$kind -o - gives the bytes of -o FILE" cmp -s piped.$kind ref.$kind
    TMPDIR=$tmp/own-tmp "$W" $kind p/workplan.yaml -o - > redirected.$kind 2> /dev/null
    check "$kind -o - into a file" cmp -s redirected.$kind ref.$kind
    check "$kind -o - leaves no temporary file in TMPDIR: $(ls -A own-tmp)" [ -z "$(ls -A own-tmp)" ]
    check "$kind -o - leaves no file here" no_temps .
    # a reader that goes away (the output larger than a pipe holds): the run dies of
    # SIGPIPE, its temporary file with it
    [ -s big.yaml ] || gen_plan 1000 > big.yaml
    (trap - PIPE; TMPDIR=$tmp/own-tmp exec "$W" $kind big.yaml --progress none -o - 2> /dev/null) |
        head -c 10 > /dev/null
    rc=${PIPESTATUS[0]}
    check "$kind -o - into a closed pipe: exit $rc, expected 141 (SIGPIPE)" [ "$rc" = 141 ]
    check "$kind -o - into a closed pipe leaves nothing in TMPDIR: $(ls -A own-tmp)" [ -z "$(ls -A own-tmp)" ]
done

mkfifo fifo
mkdir folder
ln -s /proc/self/fd/1 my-stdout
ln -s fifo fifo-link
/usr/bin/python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' sock
refused() { # KIND OUTPUT TYPE-TEST
    local kind=$1 out=$2 test=$3
    "$W" $kind p/workplan.yaml -o "$out" > stdout 2> stderr < /dev/null
    local rc=$?
    [ $rc = 2 ] && ok || no "$kind -o $out: exit $rc, expected 2 ($(head -2 stderr))"
    grep -q "output '$out' is " stderr && ok || no "$kind -o $out: message: $(head -1 stderr)"
    [ $test "$out" ] && ok || no "$kind -o $out: it is no longer what it was: $(ls -la "$out")"
}
for kind in pdf xlsx; do
    refused $kind fifo -p
    refused $kind fifo-link -p
    refused $kind folder -d
    refused $kind sock -S
    refused $kind /dev/null -c
    # stdout a pipe: /dev/stdout (and a link of our own to it) must stay the links they are
    for link in /dev/stdout my-stdout; do
        "$W" $kind p/workplan.yaml -o $link 2> stderr | cat > piped
        rc=${PIPESTATUS[0]}
        check "$kind -o $link (a pipe): exit $rc, expected 2" [ "$rc" = 2 ]
        check "$kind -o $link: message $(head -1 stderr)" grep -q "output '$link' is a FIFO" stderr
        check "$link is still a link" [ -L $link ]
        check "$kind -o $link: nothing on the pipe" [ ! -s piped ]
    done
    check "folder left empty" [ -z "$(ls -A folder)" ]
    check "no temporary file left" no_temps .
done
# a regression here replaces the machine's /dev/stdout: put it back, and say so
if [ ! -L /dev/stdout ] && [ "$(id -u)" = 0 ]; then
    rm -f /dev/stdout && ln -s /proc/self/fd/1 /dev/stdout
    no "/dev/stdout had been replaced by a regular file (restored)"
fi
finish outputs-special
