#!/usr/bin/python3
"""Checks the machine-checkable rules of PDF/UA-1 (ISO 14289-1) on a PDF.

The reference is veraPDF's PDF/UA-1 profile (veraPDF itself cannot be
installed here): catalog keys, XMP identification, marked content and its
MCIDs against the structure tree and the parent tree, standard structure
types and their nesting, heading order, table header scope, figure
alternative text, link annotations in the tree, fonts embedded with a
valid ToUnicode CMap covering every code drawn.

Usage: check_pdfua.py FILE.pdf [--lang xx]   prints every violation; exit 1 if any.
"""
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"}

errors = []


def err(msg):
    errors.append(msg)


def objkey(o):
    return o.objgen if o.is_indirect else id(o)


def check_catalog(pdf, want_lang):
    root = pdf.Root
    if pdf.pdf_version < "1.7":
        err(f"header says PDF {pdf.pdf_version}, not 1.7")
    mi = root.get("/MarkInfo")
    if mi is None or not bool(mi.get("/Marked", False)):
        err("catalog: /MarkInfo <</Marked true>> missing")
    lang = str(root.get("/Lang", ""))
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        err(f"catalog: /Lang missing or not a language tag: {lang!r}")
    elif want_lang and lang != want_lang:
        err(f"catalog: /Lang is {lang!r}, not {want_lang!r}")
    vp = root.get("/ViewerPreferences")
    if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
        err("catalog: /ViewerPreferences <</DisplayDocTitle true>> missing")
    if "/StructTreeRoot" not in root:
        err("catalog: no /StructTreeRoot")
    if "/ID" not in pdf.trailer or len(pdf.trailer.ID) != 2:
        err("trailer: no /ID")
    md = root.get("/Metadata")
    if md is None:
        err("catalog: no XMP /Metadata")
        return
    xmp = md.read_bytes().decode("utf-8")
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
        err("XMP: no pdfuaid:part 1")
    m = re.search(r"<dc:title>.*?<rdf:li xml:lang=\"x-default\">(.*?)</rdf:li>", xmp, re.S)
    info = pdf.trailer.get("/Info")
    title = str(info.get("/Title", "")) if info is not None else ""
    if not m or not m.group(1).strip():
        err("XMP: no dc:title (x-default)")
    elif not title:
        err("Info: no /Title")
    else:
        unesc = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        unesc = unesc.replace("&amp;", "&")
        if unesc != title:
            err(f"XMP dc:title {unesc!r} differs from Info /Title {title!r}")
    prod = re.search(r"<pdf:Producer>(.*?)</pdf:Producer>", xmp)
    if info is not None and "/Producer" in info and (not prod or prod.group(1) != str(info.Producer)):
        err("XMP pdf:Producer differs from Info /Producer")


TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)"  # a literal string (ours escape parentheses)
    rb"|<<(?:[^>]|>(?!>))*>>"  # a small dictionary (BDC properties)
    rb"|<[0-9A-Fa-f\s]*>"  # a hex string
    rb"|/[^\s/<>\[\]()]+"  # a name
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)"  # a number
    rb"|[\[\]]"
    rb"|[A-Za-z'\"*]+"  # an operator
)
MCID = re.compile(rb"/MCID\s+(\d+)")


def unescape(lit):
    out = bytearray()
    i = 1
    while i < len(lit) - 1:
        c = lit[i]
        if c == 0x5C:
            n = lit[i + 1]
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return bytes(out)


def content_marks(pdf):
    """(page index, mcid) -> tag, and a check that everything painted is marked.

    Content streams are tokenised with a regular expression (pikepdf's parser
    takes minutes on a 2,000-activity booklet)."""
    marks = {}
    fonts_used = {}  # font objgen -> set of codes
    for pno, page in enumerate(pdf.pages):
        stack = []
        font = None
        res = page.obj.get("/Resources", Dictionary())
        fdict = res.get("/Font", Dictionary())
        fonts = {str(k): fdict[k] for k in fdict.keys()}
        operands = []
        for m in TOKEN.finditer(page.obj.Contents.read_bytes() if not isinstance(page.obj.Contents, Array)
                                else b"\n".join(c.read_bytes() for c in page.obj.Contents)):
            t = m.group()
            c = t[0]
            if not (65 <= c <= 90 or 97 <= c <= 122 or c in (0x27, 0x22, 0x2A)):
                operands.append(t)
                continue
            o = t.decode()
            if o in ("BDC", "BMC"):
                tag = operands[0].decode() if operands else "?"
                mcid = None
                if o == "BDC" and len(operands) > 1:
                    mm = MCID.search(operands[1])
                    if mm:
                        mcid = int(mm.group(1))
                inside_art = any(x[0] == "/Artifact" for x in stack)
                inside_tag = any(x[1] is not None for x in stack)
                if tag == "/Artifact" and inside_tag:
                    err(f"page {pno + 1}: artifact inside tagged content")
                if mcid is not None:
                    if inside_art:
                        err(f"page {pno + 1}: MCID {mcid} inside an artifact")
                    if (pno, mcid) in marks:
                        err(f"page {pno + 1}: MCID {mcid} used twice")
                    marks[(pno, mcid)] = tag
                stack.append((tag, mcid))
            elif o == "EMC":
                if not stack:
                    err(f"page {pno + 1}: EMC without BDC/BMC")
                else:
                    stack.pop()
            elif o == "Tf" and operands:
                font = fonts.get(operands[0].decode() if len(operands) < 2 else operands[-2].decode())
            elif o in PAINT:
                if not any(x[0] == "/Artifact" or x[1] is not None for x in stack):
                    err(f"page {pno + 1}: '{o}' outside marked content (neither tagged nor artifact)")
                if o in ("Tj", "'", '"', "TJ") and font is not None:
                    codes = fonts_used.setdefault(font.objgen, set())
                    for s_ in operands:
                        if s_[:1] == b"(":
                            b = unescape(s_)
                        elif s_[:1] == b"<" and s_[:2] != b"<<":
                            b = bytes.fromhex(s_[1:-1].decode())
                        else:
                            continue
                        codes.update(b[i] << 8 | b[i + 1] for i in range(0, len(b) - 1, 2))
            operands = []
        if stack:
            err(f"page {pno + 1}: {len(stack)} marked-content sequence(s) left open")
    return marks, fonts_used


DICT = pikepdf.ObjectType.dictionary
ARRAY = pikepdf.ObjectType.array
NESTED_IN = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "LI": {"L"},
    "Lbl": {"LI", "BibEntry", "Note"},
    "LBody": {"LI"},
    "TOCI": {"TOC"},
}
HOLDS = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "TR": {"TH", "TD"},
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
    "TOC": {"TOCI", "TOC", "Caption"},
}
LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def code(o):
    return getattr(o, "_type_code", None)


def as_list(k):
    if k is None:
        return []
    return list(k) if code(k) == ARRAY else [k]


class Tree:
    """One walk of the structure tree: types, nesting, headings, tables, MCRs, OBJRs."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        self.mcrs = {}  # (page, mcid) -> element objgen
        self.objrs = {}  # annotation objgen -> element objgen
        self.headings = []
        self.n = 0
        rm = pdf.Root.StructTreeRoot.get("/RoleMap")
        self.rolemap = {str(k)[1:] for k in rm.keys()} if rm is not None else set()

    def walk(self, elem, parent_type):
        self.n += 1
        s = str(elem.get("/S", ""))[1:]
        if s not in STANDARD and s not in self.rolemap:
            err(f"structure type {s!r} is not standard nor role-mapped")
        if s in NESTED_IN and parent_type not in NESTED_IN[s]:
            err(f"{s} inside {parent_type}, not {' or '.join(sorted(NESTED_IN[s]))}")
        if len(s) == 2 and s[0] == "H" and s[1] in "123456":
            self.headings.append(int(s[1]))
        elif s == "H":
            err("H (untyped heading) used; the booklet numbers its headings")
        elif s == "Figure":
            alt = str(elem.get("/Alt", "")) or str(elem.get("/ActualText", ""))
            if not alt.strip():
                err("Figure without /Alt")
        elif s == "TH":
            self.check_scope(elem)
        lang = elem.get("/Lang")
        if lang is not None and not LANG.fullmatch(str(lang)):
            err(f"element /Lang not a language tag: {lang!r}")
        pg = elem.get("/Pg")
        own = elem.objgen
        children = []
        for k in as_list(elem.get("/K")):
            if isinstance(k, int):
                if pg is None:
                    err(f"{s}: MCID {k} without /Pg")
                else:
                    self.add_mcr(self.page_index.get(pg.objgen), k, own)
                continue
            if code(k) != DICT:
                continue
            t = k.get("/Type")
            if t == Name.MCR:
                p = k.get("/Pg", pg)
                self.add_mcr(self.page_index.get(p.objgen) if p is not None else None, int(k.MCID), own)
            elif t == Name.OBJR:
                self.objrs[k.Obj.objgen] = own
                if s not in ("Link", "Annot", "Form"):
                    err(f"OBJR of an annotation inside {s}, not Link")
            else:
                p = k.get("/P")
                if p is None or p.objgen != own:
                    err(f"{k.get('/S')}: /P is not its parent {s}")
                children.append(k)
        if s in HOLDS:
            kinds = [str(k.get("/S", ""))[1:] for k in children]
            bad = [x for x in kinds if x not in HOLDS[s]]
            if bad:
                err(f"{s} holds {', '.join(bad)}")
            if s == "Table":
                self.check_columns(children)
        for k in children:
            self.walk(k, s)

    def check_scope(self, elem):
        a = elem.get("/A")
        scopes = []
        for d in as_list(a):
            if code(d) == DICT and d.get("/O") == Name.Table and "/Scope" in d:
                scopes.append(str(d.Scope))
        if not scopes or scopes[0] not in ("/Row", "/Column", "/Both"):
            err("TH without /Scope (Row, Column or Both)")

    def check_columns(self, rows):
        """Every row of a table spans the same number of columns."""
        widths = set()
        for tr in rows:
            if tr.get("/S") != Name.TR:
                continue
            w = 0
            for c in as_list(tr.get("/K")):
                if code(c) == DICT and c.get("/S") in (Name.TH, Name.TD):
                    a = c.get("/A")
                    w += int(a.ColSpan) if a is not None and code(a) == DICT and "/ColSpan" in a else 1
            widths.add(w)
        if len(widths) > 1:
            err(f"table rows of different widths: {sorted(widths)}")

    def add_mcr(self, page, mcid, own):
        if page is None:
            err(f"MCR {mcid} on a page not in the document")
            return
        if (page, mcid) in self.mcrs:
            err(f"page {page + 1}: MCID {mcid} claimed by two structure elements")
        self.mcrs[(page, mcid)] = own


def parent_tree(pdf):
    """The parent tree as {key: value} from a number tree."""
    out = {}

    def node(n):
        if "/Nums" in n:
            nums = n.Nums
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for k in n.get("/Kids", []):
            node(k)

    node(pdf.Root.StructTreeRoot.ParentTree)
    return out


def check_tree(pdf, marks):
    str_root = pdf.Root.get("/StructTreeRoot")
    if str_root is None:
        return
    if "/ParentTree" not in str_root or "/ParentTreeNextKey" not in str_root:
        err("StructTreeRoot: /ParentTree or /ParentTreeNextKey missing")
        return
    tree = Tree(pdf)
    kids = str_root.get("/K")
    kids = list(kids) if isinstance(kids, Array) else [kids]
    for k in kids:
        tree.walk(k, "StructTreeRoot")
    if tree.headings:
        if tree.headings[0] != 1:
            err(f"the first heading is H{tree.headings[0]}, not H1")
        for a, b in zip(tree.headings, tree.headings[1:]):
            if b > a + 1:
                err(f"heading levels skip: H{a} then H{b}")
                break
    for key, tag in marks.items():
        if key not in tree.mcrs:
            err(f"page {key[0] + 1}: MCID {key[1]} ({tag}) is in no structure element")
    for key in tree.mcrs:
        if key not in marks:
            err(f"page {key[0] + 1}: the tree points at MCID {key[1]}, which is not in the content")
    pt = parent_tree(pdf)
    next_key = int(str_root.ParentTreeNextKey)
    by_page = {}
    for (p, m) in marks:
        by_page.setdefault(p, []).append(m)
    for pno, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            err(f"page {pno + 1}: no /StructParents")
            continue
        sp = int(page.obj.StructParents)
        if sp >= next_key:
            err(f"page {pno + 1}: /StructParents {sp} not below /ParentTreeNextKey {next_key}")
        arr = pt.get(sp)
        mcids = sorted(by_page.get(pno, []))
        if arr is None:
            if mcids:
                err(f"page {pno + 1}: no parent tree entry")
            continue
        for m in mcids:
            if m >= len(arr) or arr[m].objgen != tree.mcrs.get((pno, m)):
                err(f"page {pno + 1}: parent tree entry of MCID {m} is not its element")
                break
        annots = page.obj.get("/Annots", [])
        if len(annots) and str(page.obj.get("/Tabs", "")) != "/S":
            err(f"page {pno + 1}: annotations but no /Tabs /S")
        for a in annots:
            sub = str(a.get("/Subtype", ""))
            if sub in ("/Popup",):
                continue
            if "/StructParent" not in a:
                err(f"page {pno + 1}: {sub} annotation without /StructParent")
                continue
            if sub == "/Link" and not str(a.get("/Contents", "")).strip():
                err(f"page {pno + 1}: link annotation without /Contents")
            el = pt.get(int(a.StructParent))
            if el is None or tree.objrs.get(a.objgen) != el.objgen:
                err(f"page {pno + 1}: annotation's parent tree entry is not the element holding its OBJR")
            elif sub == "/Link" and str(el.S) != "/Link":
                err(f"page {pno + 1}: link annotation under {el.S}, not Link")
    return tree


def cmap_codes(data):
    """Codes a ToUnicode CMap maps, checking its form."""
    text = data.decode("latin-1")
    for bad in ("begincidrange", "begincidchar", "beginnotdefrange", "beginnotdefchar"):
        if bad in text:
            err(f"ToUnicode uses {bad} (a CID operator)")
    if "/Ordering (UCS)" not in text and "/Ordering(UCS)" not in text:
        err("ToUnicode: CIDSystemInfo Ordering is not (UCS)")
    codes = set()
    for m in re.finditer(r"(\d+)\s+beginbfchar(.*?)endbfchar", text, re.S):
        pairs = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", m.group(2))
        if len(pairs) != int(m.group(1)) or len(pairs) > 100:
            err("ToUnicode: a bfchar block with a wrong count or more than 100 entries")
        for src, dst in pairs:
            codes.add(int(src, 16))
            if len(dst) % 4:
                err("ToUnicode: destination not UTF-16BE")
    for m in re.finditer(r"(\d+)\s+beginbfrange(.*?)endbfrange", text, re.S):
        triples = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", m.group(2))
        if len(triples) != int(m.group(1)) or len(triples) > 100:
            err("ToUnicode: a bfrange block with a wrong count or more than 100 entries")
        for lo, hi, _ in triples:
            a, b = int(lo, 16), int(hi, 16)
            if a >> 8 != b >> 8 or b < a:
                err(f"ToUnicode: range <{lo}> <{hi}> crosses a high byte")
            codes.update(range(a, b + 1))
    return codes


def check_fonts(pdf, fonts_used):
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for name in fonts.keys():
            f = fonts[name]
            if f.objgen in seen:
                continue
            seen.add(f.objgen)
            desc = f.DescendantFonts[0] if "/DescendantFonts" in f else f
            fd = desc.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                err(f"font {f.get('/BaseFont')} is not embedded")
            if "/DescendantFonts" in f:
                csi = desc.CIDSystemInfo
                if str(csi.Ordering) != "Identity" and str(f.get("/Encoding")) == "/Identity-H":
                    err(f"font {f.BaseFont}: CIDFont Ordering {str(csi.Ordering)!r}, not 'Identity'")
            if "/ToUnicode" not in f:
                err(f"font {f.get('/BaseFont')} has no ToUnicode")
                continue
            codes = cmap_codes(f.ToUnicode.read_bytes())
            missing = fonts_used.get(f.objgen, set()) - codes
            if missing:
                err(f"font {f.get('/BaseFont')}: codes drawn but not in ToUnicode: "
                    + " ".join(f"{c:04X}" for c in sorted(missing)[:10]))


def main():
    path = sys.argv[1]
    want_lang = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--lang" else None
    with pikepdf.open(path) as pdf:
        check_catalog(pdf, want_lang)
        marks, fonts_used = content_marks(pdf)
        tree = check_tree(pdf, marks)
        check_fonts(pdf, fonts_used)
    for e in errors[:50]:
        print(f"{path}: {e}")
    if len(errors) > 50:
        print(f"{path}: ... {len(errors) - 50} more")
    if not errors:
        print(f"{path}: PDF/UA-1 checks passed ({len(marks)} marked contents, "
              f"{tree.n if tree else 0} structure elements)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
