#!/bin/bash
# `make install` puts the binary, library, headers, pkg-config file and man page
# under DESTDIR/PREFIX, and a program builds against them with pkg-config alone.
set -u
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "install: FAIL: $*"; }

make --no-print-directory install DESTDIR="$tmp/root" PREFIX=/opt/wp > "$tmp/log" 2>&1 \
    && ok || { no "make install failed"; cat "$tmp/log"; }
root=$tmp/root/opt/wp
for f in bin/workplan lib/libworkplan.a lib/libworkplan.so lib/libworkplan.so.0 \
         lib/pkgconfig/workplan.pc include/workplan/workplan.h \
         include/workplan/model.h share/man/man1/workplan.1; do
    [ -f "$root/$f" ] && ok || no "missing $f"
done
"$root/bin/workplan" --version | grep -q '^workplan ' && ok || no "installed binary does not run"
man -l "$root/share/man/man1/workplan.1" 2>/dev/null | grep -q "EXIT STATUS" && ok || no "man page"
for verb in check pdf xlsx build import; do
    man -l "$root/share/man/man1/workplan.1" 2>/dev/null | grep -q "^ *$verb" && ok || no "man page lacks $verb"
done
cat > "$tmp/use.c" <<'C'
#include <stdio.h>
#include <workplan/workplan.h>
int main(int argc, char **argv)
{
    struct wp_diags d;
    struct wp_plan *p = NULL;
    wp_diags_init(&d);
    (void)argc;
    if (wp_plan_load_file(argv[1], NULL, &p, &d) == WP_OK)
        printf("%s %zu\n", p->id, p->n_activities);
    wp_plan_free(p);
    wp_diags_release(&d);
    return 0;
}
C
export PKG_CONFIG_PATH=$root/lib/pkgconfig
flags=$(pkg-config --cflags workplan | sed "s|/opt/wp|$root|g")
# the shared library: what `pkg-config --libs workplan` links
libs=$(pkg-config --libs workplan | sed "s|/opt/wp|$root|g")
# shellcheck disable=SC2086
cc -std=c11 -Wall -Werror $flags -o "$tmp/use" "$tmp/use.c" $libs && ok || no "cannot build against the library"
[ "$(LD_LIBRARY_PATH=$root/lib "$tmp/use" plan/workplan.yaml)" = "pa-asean-2021-2025 20" ] && ok ||
    no "library program output"
LD_LIBRARY_PATH=$root/lib ldd "$tmp/use" | grep -q "libworkplan.so.0 => $root/lib/libworkplan.so.0" &&
    ok || no "the program does not use the shared library: $(ldd "$tmp/use" | grep workplan)"
# the static archive, with the libraries it needs
slibs=$(pkg-config --static --libs workplan | sed "s|/opt/wp|$root|g;s|-lworkplan||")
# shellcheck disable=SC2086
cc -std=c11 -Wall -Werror $flags -o "$tmp/use-static" "$tmp/use.c" "$root/lib/libworkplan.a" $slibs &&
    ok || no "cannot build against the static library"
[ "$("$tmp/use-static" plan/workplan.yaml)" = "pa-asean-2021-2025 20" ] && ok ||
    no "static library program output"
# a program cannot reach the library's insides, even by declaring them itself
cat > "$tmp/inside.c" <<'C'
void *wp_xmalloc(unsigned long n);
int main(void) { return wp_xmalloc(1) != 0; }
C
for lib in "$root/lib/libworkplan.so" "$root/lib/libworkplan.a"; do
    # shellcheck disable=SC2086
    if cc -o "$tmp/inside" "$tmp/inside.c" "$lib" $slibs 2> /dev/null; then
        no "$lib lets a program link an undeclared function"
    else
        ok
    fi
done
echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
