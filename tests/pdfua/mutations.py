#!/usr/bin/python3
"""The checker must be able to fail: each mutation of a good booklet breaks
one PDF/UA rule, and check_pdfua.py must report it.

Usage: mutations.py GOOD.pdf WORKDIR   exit 1 when a mutation goes unnoticed.
"""
import os
import subprocess
import sys

import pikepdf
from pikepdf import Name

HERE = os.path.dirname(os.path.abspath(__file__))


def elements(pdf):
    """Structure elements in document order."""
    def walk(e):
        if isinstance(e, pikepdf.Array):
            for k in e:
                yield from walk(k)
        elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
            yield e
            if "/K" in e:
                yield from walk(e.K)

    yield from walk(pdf.Root.StructTreeRoot.K)


def first(pdf, s):
    return next(e for e in elements(pdf) if e.S == Name(s))


def drop_alt(pdf):
    del first(pdf, "/Figure")["/Alt"]


def drop_scope(pdf):
    del first(pdf, "/TH")["/A"]


def skip_level(pdf):
    first(pdf, "/H2").S = Name.H4


def drop_struct_parents(pdf):
    del pdf.pages[1].obj["/StructParents"]


def bad_tounicode(pdf):
    f = pdf.pages[1].Resources.Font
    font = f[list(f.keys())[0]]
    font.ToUnicode.write(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity-H) /Supplement 0 >> def\n"
                         b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                         b"1 begincidrange <0000> <FFFF> 0 endcidrange\nendcmap end end\n")


def orphan_mcid(pdf):
    p = first(pdf, "/P")
    p.K = pikepdf.Array([])


def drop_lang(pdf):
    del pdf.Root["/Lang"]


def drop_markinfo(pdf):
    del pdf.Root["/MarkInfo"]


def untagged_paint(pdf):
    page = pdf.pages[1]
    page.contents_add(pdf.make_stream(b"0 0 m 10 10 l S\n"), prepend=False)


def annot_unlinked(pdf):
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            del a["/StructParent"]
            return


def xmp_no_pdfuaid(pdf):
    md = pdf.Root.Metadata
    md.write(md.read_bytes().replace(b"<pdfuaid:part>1</pdfuaid:part>", b""))


def li_outside_list(pdf):
    first(pdf, "/L").S = Name.Div


MUTATIONS = [drop_alt, drop_scope, skip_level, drop_struct_parents, bad_tounicode, orphan_mcid,
             drop_lang, drop_markinfo, untagged_paint, annot_unlinked, xmp_no_pdfuaid,
             li_outside_list]


def main():
    good, work = sys.argv[1], sys.argv[2]
    unnoticed = 0
    for m in MUTATIONS:
        out = os.path.join(work, m.__name__ + ".pdf")
        with pikepdf.open(good) as pdf:
            m(pdf)
            pdf.save(out)
        r = subprocess.run([sys.executable, os.path.join(HERE, "check_pdfua.py"), out],
                           capture_output=True, text=True)
        if r.returncode == 0:
            print(f"mutation {m.__name__}: NOT detected")
            unnoticed += 1
        else:
            print(f"mutation {m.__name__}: detected ({r.stdout.splitlines()[0].split(': ', 1)[1]})")
    return 1 if unnoticed else 0


if __name__ == "__main__":
    sys.exit(main())
