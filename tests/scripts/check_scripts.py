#!/usr/bin/python3
"""Checks a booklet against the plan it was made from, for text in any script.

    check_scripts.py text PLAN PROGRESS LANG [KINDS:]TEXTFILE...
        every string the booklet shows of PLAN and PROGRESS (in LANG, or the
        plan's first language where a text lacks LANG) is found, NFC (nfkc:
        NFKC) and with whitespace removed, in each TEXTFILE (pdftotext's,
        pdf.js's ...); KINDS (comma-separated) say how the reader differs:
        ltr (strings with a right-to-left letter not asked), glyphs (Khmer and
        Myanmar not asked), nfkc (compared in NFKC)
    check_scripts.py glyphs PDF
        every glyph drawn is a glyph id of an embedded font keyed by glyph
        (Type0, Identity-H); none is glyph 0, and none is empty unless it
        stands for whitespace or an invisible format character
    check_scripts.py box PDF CHAR
        CHAR (a character no font covers) is drawn as a glyph with an
        outline: a visible box, never blank space

Prints one line per problem and exits 1 on any; prints a summary line else.
"""
import io
import re
import sys
import unicodedata

import pikepdf
import yaml
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont


# the marks a reader puts around right-to-left text it extracts (poppler: U+202B, U+202C)
BIDI_MARKS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def squash(s, form="NFC"):
    """Without whitespace, then NFC: line breaks and justification aside (a reader may put a
    line break between the parts of a split vowel it reads apart, which NFC then joins)."""
    s = "".join(ch for ch in s if not ch.isspace() and ch not in BIDI_MARKS)
    return unicodedata.normalize(form, s)


def reordered(s):
    """Khmer or Myanmar: scripts whose clusters are drawn out of text order."""
    return any(0x1780 <= ord(ch) <= 0x17FF or 0x1000 <= ord(ch) <= 0x109F for ch in s)


def has_rtl(s):
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in s)


def pick(text, lang, first):
    if isinstance(text, dict):
        return text.get(lang, text.get(first))
    return text


def plan_strings(plan, progress, lang):
    """(where, string) of every text the booklet prints in full."""
    first = (plan["plan"].get("languages") or ["en"])[0]
    out = []

    def add(where, text):
        s = pick(text, lang, first)
        if s is None:
            return
        for para in re.split(r"\n\s*\n", str(s)):
            if para.strip():
                out.append((where, para))

    p = plan["plan"]
    for key in ("title", "subtitle", "foreword"):
        if key in p:
            add(f"plan.{key}", p[key])
    for pid, party in plan["parties"].items():
        add(f"parties.{pid}.name", party["name"])
    for code, name in plan["countries"].items():
        add(f"countries.{code}", name)
    for area in plan["areas"]:
        add(f"{area['id']}.title", area["title"])
        if "summary" in area:
            add(f"{area['id']}.summary", area["summary"])
        for i, obj in enumerate(area.get("objectives") or []):
            add(f"{area['id']}.objectives[{i}]", obj)
        for act in area.get("activities") or []:
            aid = act["id"]
            for key in ("title", "description", "focal_point"):
                if key in act:
                    add(f"{aid}.{key}", act[key])
            for key in ("outputs", "modality"):
                for i, item in enumerate(act.get(key) or []):
                    add(f"{aid}.{key}[{i}]", item)
    if progress:
        for i, ev in enumerate(progress.get("events") or []):
            add(f"events[{i}].title", ev["title"])
            if "note" in ev:
                add(f"events[{i}].note", ev["note"])
        latest = {}
        for up in progress.get("updates") or []:
            if "note" in up:
                prev = latest.get(up["activity"])
                if prev is None or str(up["date"]) >= str(prev["date"]):
                    latest[up["activity"]] = up
        for aid, up in latest.items():
            add(f"{aid}: latest note", up["note"])
    return out


def check_text(plan_path, progress_path, lang, text_paths):
    with open(plan_path, encoding="utf-8") as f:
        plan = yaml.safe_load(f)
    progress = None
    if progress_path != "none":
        with open(progress_path, encoding="utf-8") as f:
            progress = yaml.safe_load(f)
    wanted = plan_strings(plan, progress, lang)
    problems = 0
    for spec in text_paths:
        # "nfkc:FILE": a reader that normalises what it extracts with NFKC (pdf.js);
        # "ltr:FILE": a reader whose layout analysis reorders the neutral characters
        # between right-to-left and left-to-right text (poppler's default mode): asked
        # only for the strings without right-to-left characters
        # "glyphs:FILE": a reader that ignores ActualText (pdf.js): not asked for
        # Khmer and Myanmar, whose split vowels and medials are drawn in visual order
        kinds, _, path = spec.rpartition(":")
        kinds = set(kinds.split(",")) if kinds else set()
        form = "NFKC" if "nfkc" in kinds else "NFC"
        with open(path, encoding="utf-8") as f:
            have = squash(f.read(), form)
        for where, s in wanted:
            if "ltr" in kinds and has_rtl(s):
                continue
            if "glyphs" in kinds and reordered(s):
                continue
            if squash(s, form) not in have:
                problems += 1
                print(f"{path}: {where} not found: {s!r}")
    if not problems:
        print(f"text: {len(wanted)} strings found in each of {len(text_paths)} extractions")
    return problems


# ---- glyphs ----------------------------------------------------------------------


def parse_tounicode(data):
    """CID -> text of a ToUnicode CMap (bfchar and bfrange)."""
    text = data.decode("latin-1")
    out = {}

    def utf16(hexstr):
        return bytes.fromhex(hexstr).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block
        ):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                dsts = re.findall(r"<([0-9A-Fa-f]*)>", rest)
                for k, d in enumerate(dsts):
                    out[lo + k] = utf16(d)
            else:
                base = bytes.fromhex(rest[1:-1])
                for k in range(hi - lo + 1):
                    last = int.from_bytes(base[-2:], "big") + k
                    out[lo + k] = (base[:-2] + last.to_bytes(2, "big")).decode("utf-16-be")
    return out


class Font:
    def __init__(self, name, obj):
        self.name = name
        self.ok = obj.get("/Subtype") == "/Type0" and obj.get("/Encoding") == "/Identity-H"
        self.tounicode = {}
        self.glyphs = None
        if not self.ok:
            return
        if "/ToUnicode" in obj:
            self.tounicode = parse_tounicode(obj.ToUnicode.read_bytes())
        cid = obj.DescendantFonts[0]
        desc = cid.FontDescriptor
        stream = desc.get("/FontFile2")
        if stream is None:
            stream = desc.get("/FontFile3")
        # codes are glyph ids: TrueType outlines through an identity CIDToGIDMap,
        # CFF outlines through a CID-keyed font (whose CIDs are its glyph ids)
        identity = cid.get("/Subtype") == "/CIDFontType0" or cid.get("/CIDToGIDMap", pikepdf.Name.Identity) == "/Identity"
        if stream is None or not identity:
            self.ok = False
            return
        data = stream.read_bytes()
        if data[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            tt = TTFont(io.BytesIO(data))
            self.order = tt.getGlyphOrder()
            self.glyphs = tt.getGlyphSet()
        else:  # a bare CFF (FontFile3 /CIDFontType0C): glyphs named by CID
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(data), None)
            top = cff[cff.fontNames[0]]
            self.glyphs = top.CharStrings
            names = set(top.charset)
            self.order = [f"cid{c:05d}" if f"cid{c:05d}" in names else None for c in range(65536)]
            if not hasattr(top, "ROS"):
                self.order = top.charset
        self.cache = {}

    def empty(self, gid):
        if gid not in self.cache:
            if gid >= len(self.order) or self.order[gid] is None:
                self.cache[gid] = True
            else:
                pen = BoundsPen(self.glyphs)
                self.glyphs[self.order[gid]].draw(pen)
                self.cache[gid] = pen.bounds is None
        return self.cache[gid]


def invisible(text):
    return text != "" and all(
        ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs") for ch in text
    )


def drawn_glyphs(pdf):
    """(page number, Font, glyph id) of every glyph shown."""
    fonts = {}
    for pageno, page in enumerate(pdf.pages, 1):
        res = page.obj.get("/Resources", {})
        table = res.get("/Font", {})
        font = None
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "Tf":
                key = str(operands[0])
                obj = table.get(key)
                if obj is None:
                    yield pageno, None, key
                    continue
                fid = obj.objgen
                if fid not in fonts:
                    fonts[fid] = Font(key, obj)
                font = fonts[fid]
            elif op in ("Tj", "TJ", "'", '"'):
                strings = operands[-1] if op != "TJ" else operands[0]
                if op != "TJ":
                    strings = [strings]
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        b = bytes(s)
                        for k in range(0, len(b) - 1, 2):
                            yield pageno, font, (b[k] << 8) | b[k + 1]


def check_glyphs(pdf_path):
    pdf = pikepdf.open(pdf_path)
    problems = 0
    count = 0
    for pageno, font, gid in drawn_glyphs(pdf):
        count += 1
        if font is None or not font.ok:
            problems += 1
            print(f"page {pageno}: glyph drawn in {getattr(font, 'name', gid)}, not a glyph-keyed font")
            continue
        text = font.tounicode.get(gid, "")
        if gid == 0:
            problems += 1
            print(f"page {pageno}: glyph 0 drawn in {font.name} (text {text!r})")
        elif font.empty(gid) and not invisible(text):
            problems += 1
            print(f"page {pageno}: empty glyph {gid} drawn in {font.name} for {text!r}")
        if problems > 50:
            print("...")
            break
    if not problems:
        print(f"glyphs: {count} glyphs drawn, none is glyph 0 or blank for a visible character")
    return problems


def check_box(pdf_path, char):
    """The glyph(s) drawn for char have an outline."""
    pdf = pikepdf.open(pdf_path)
    seen = 0
    problems = 0
    for pageno, font, gid in drawn_glyphs(pdf):
        if font is None or not font.ok:
            continue
        if font.tounicode.get(gid) == char:
            seen += 1
            if font.empty(gid):
                problems += 1
                print(f"page {pageno}: U+{ord(char):04X} is drawn as blank glyph {gid}")
    if not seen:
        print(f"U+{ord(char):04X} is not drawn at all")
        return 1
    if not problems:
        print(f"box: U+{ord(char):04X} drawn {seen} times as a visible glyph")
    return problems


def main(argv):
    if len(argv) >= 6 and argv[1] == "text":
        return check_text(argv[2], argv[3], argv[4], argv[5:])
    if len(argv) == 3 and argv[1] == "glyphs":
        return check_glyphs(argv[2])
    if len(argv) == 4 and argv[1] == "box":
        return check_box(argv[2], argv[3])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv) else 0)
