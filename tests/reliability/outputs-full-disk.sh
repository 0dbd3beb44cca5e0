# Issue 10 items 3 and 18: a full disk never commits a truncated output. At
# every fill level of a small file system each run either writes a whole file
# (exit 0) or fails with exit 3, says "no space left on device" naming the
# file in the diagnostic form (no libxlsxwriter or libharu lines), leaves the
# earlier output as it was and no temporary file. A 60 KiB tmpfs is used where
# mounting is allowed (root in a container); a file-size limit (ulimit -f:
# writes fail with EFBIG, "file too large") is used everywhere.
source "$(dirname "$0")/outputs-lib.sh"
fresh_plan p
cd "$tmp"
"$W" pdf p/workplan.yaml -o good.pdf 2> /dev/null && "$W" xlsx p/workplan.yaml -o good.xlsx 2> /dev/null ||
    no "cannot make the reference outputs"
pdf_size=$(stat -c %s good.pdf) xlsx_size=$(stat -c %s good.xlsx)

whole() { # FILE KIND: the same bytes as the reference output
    cmp -s "$1" "good.$2"
}

# one run at a fill level: DIR KIND REASON [prefix command...]
attempt() {
    local dir=$1 kind=$2 reason=$3; shift 3
    printf 'earlier output\n' > "$dir/out.$kind"
    "$@" "$W" "$kind" p/workplan.yaml -o "$dir/out.$kind" > stdout 2> stderr
    local rc=$?
    if [ $rc = 0 ]; then
        whole "$dir/out.$kind" "$kind" && ok || no "$kind in $dir: exit 0 but the file is not whole ($(stat -c %s "$dir/out.$kind") bytes)"
        succeeded=$((succeeded + 1))
    elif [ $rc = 3 ]; then
        failed=$((failed + 1))
        [ "$(cat "$dir/out.$kind")" = "earlier output" ] && ok || no "$kind in $dir: the earlier output was replaced"
        grep -q "cannot write '$dir/out.$kind': $reason" stderr && ok ||
            no "$kind in $dir: expected \"$reason\" naming the file, got: $(head -3 stderr)"
        grep -qE '^\[ERROR\]|^\[WARNING\]|libharu|packager\.c|ZIP_ERRNO|error 0x' stderr &&
            no "$kind in $dir: raw library text on stderr: $(head -3 stderr)" || ok
        # every line is a diagnostic: FILE: error: ... or workplan: error: ...
        grep -vqE '^[^ ]+: (error|warning): ' stderr &&
            no "$kind in $dir: a line not in the diagnostic form: $(grep -vE '^[^ ]+: (error|warning): ' stderr | head -2)" || ok
    else
        no "$kind in $dir: exit $rc ($(head -3 stderr))"
    fi
    no_temps "$dir" && ok || no "$kind in $dir: temporary file left: $(ls -A "$dir")"
}

# ulimit -f counts 1024-byte blocks in bash; SIGXFSZ ignored so the write fails with EFBIG
limited() { (trap '' XFSZ; ulimit -f "$1"; shift; exec "$@"); }
for kind in pdf xlsx; do
    succeeded=0 failed=0
    size=$([ $kind = pdf ] && echo "$pdf_size" || echo "$xlsx_size")
    mkdir -p lim
    # the booklet's scratch files (subset fonts, pages, structure) are beside the output
    # and count against the limit too: their failure is the output's, named as such
    for kb in 4 $((size / 4096)) $((size / 2048)) $((size * 3 / 4096)) $((size / 1024 - 1)) \
        $((size / 1024 + 2)); do
        attempt lim $kind "file too large" limited "$kb"
    done
    [ $failed -ge 5 ] && ok || no "$kind: only $failed of the size limits failed: the test did not bite"
    [ $succeeded -ge 1 ] && ok || no "$kind: no size limit let the file through"
done

mnt=$tmp/tmpfs
mkdir -p "$mnt"
if mount -t tmpfs -o size=60k tmpfs "$mnt" 2> /dev/null; then
    cleanup_hook() { umount "$mnt" 2> /dev/null; }
    for kind in pdf xlsx; do
        succeeded=0 failed=0
        for fill in 0 8 16 24 32 40 48 52 56; do
            rm -rf "${mnt:?}"/*
            [ $fill = 0 ] || head -c $((fill * 1024)) /dev/zero > "$mnt/fill" 2> /dev/null
            attempt "$mnt" $kind "no space left on device"
        done
        [ $failed -ge 3 ] && ok || no "$kind on tmpfs: only $failed fill levels failed"
    done
    # the xlsx fits an empty 60 KiB tmpfs: at least one level must have written it
    [ $succeeded -ge 1 ] && ok || no "xlsx on tmpfs: never written"
    umount "$mnt" && cleanup_hook() { :; }
else
    echo "note: cannot mount a tmpfs here (not root?): file-size limits only"
fi
finish outputs-full-disk
