#!/usr/bin/python3
"""Checks the content of a booklet against its plan; used by pdf_check.sh.

    pdf_props.py PLAN.yaml OUT.pdf LANG

Prints one line per failed property and exits 1 if any failed:
- every activity title (in LANG, else the plan's first language) is in the
  text pdftotext extracts, accents included;
- every entry of the contents points at the page where its heading is (in the
  page's body, below the running header, and not on the page before);
- the outline has one top-level entry per chapter, in order, each pointing at
  the page where that chapter's heading is;
- every link of the plan is a URI annotation, percent-encoded to ASCII;
- with LANG es, no English label of the booklet is left.
"""
import json
import os
import re
import subprocess
import sys

import yaml


def text_in(t, lang, first):
    if t is None:
        return None
    if isinstance(t, str):
        return t
    return t.get(lang) or t.get(first) or next(iter(t.values()))


def squash(s):
    return re.sub(r"\s+", "", s)


def pages_text(pdf):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and pages[-1].strip() == "":
        pages.pop()
    return pages


def body(page):
    """The page without its running header (its first non-empty line)."""
    lines = page.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines[1:])


def main():
    plan_path, pdf, lang = sys.argv[1:4]
    with open(plan_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    plan = doc["plan"]
    first = (plan.get("languages") or ["en"])[0]
    failures = []
    pages = pages_text(pdf)
    whole = squash("".join(pages))

    # 1. every activity title, intact
    titles = []
    for area in doc["areas"]:
        for a in area.get("activities") or []:
            titles.append((a["id"], text_in(a["title"], lang, first)))
    missing = [(i, t) for i, t in titles if squash(t) not in whole]
    for i, t in missing[:10]:
        failures.append("title of %s not extracted intact: %r" % (i, t))
    if len(missing) > 10:
        failures.append("... and %d more titles" % (len(missing) - 10))

    # 2. contents: entries "Title .... N" on the pages after the cover, up to the page
    # before the first entry's; a title too long for a line wraps onto the next
    def content_lines(p):
        lines = [ln for ln in pages[p].splitlines() if ln.strip()]
        lines = lines[1:-1]  # running header, footer
        return lines[1:] if p == 1 else lines  # the "Contents" heading
    entry_re = re.compile(r"^\s*(\S.*?)\s+(\d+)\s*$")
    first_entry = next((entry_re.match(ln) for ln in (content_lines(1) if len(pages) > 1 else [])
                        if entry_re.match(ln)), None)
    if not first_entry:
        failures.append("no entries found on the contents page")
    else:
        last_toc_page = int(first_entry.group(2)) - 1
        entries = []
        prefix = ""
        for p in range(1, last_toc_page):
            for ln in content_lines(p):
                m = entry_re.match(ln)
                indent = len(ln) - len(ln.lstrip())
                if m:
                    entries.append(((prefix + " " + m.group(1)).strip(), int(m.group(2)), indent))
                    prefix = ""
                else:
                    prefix = (prefix + " " + ln.strip()).strip()
        chapter_indent = min(e[2] for e in entries) if entries else 0
        for title, n, indent in entries:
            if n < 1 or n > len(pages):
                failures.append("contents entry %r points past the end (page %d)" % (title, n))
                continue
            b = body(pages[n - 1])
            if indent == chapter_indent:
                # a chapter opens its page: its heading is in the first lines of the body
                b = "\n".join([ln for ln in b.splitlines() if ln.strip()][:5])
            if squash(title) not in squash(b):
                failures.append("contents entry %r says page %d, heading not there" % (title, n))
        entries = [(t, n) for t, n, _ in entries]
        areas = [text_in(a["title"], lang, first) for a in doc["areas"]]
        toc_titles = [squash(t) for t, _ in entries]
        for a in areas:
            if squash(a) not in toc_titles:
                failures.append("area %r missing from the contents" % a)
        if len(entries) < len(areas) + 6:
            failures.append("only %d contents entries" % len(entries))

    # 3. outline: one top-level entry per chapter
    js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                                   capture_output=True, check=True).stdout)
    top = js["outlines"]
    areas = [text_in(a["title"], lang, first) for a in doc["areas"]]
    want = len(areas) + 3 + (1 if plan.get("foreword") else 0)
    # the record of implementation is a chapter when the progress file (the one beside
    # the plan, which pdf_check.sh passes) records events
    progress_path = os.path.join(os.path.dirname(plan_path), "progress.yaml")
    if os.path.exists(progress_path):
        with open(progress_path, encoding="utf-8") as f:
            want += 1 if (yaml.safe_load(f) or {}).get("events") else 0
    if len(top) != want:
        failures.append("outline has %d top-level entries, expected %d" % (len(top), want))
    titles_top = [o["title"] for o in top]
    pos = 0
    for a in areas:
        if a in titles_top[pos:]:
            pos = titles_top.index(a, pos) + 1
        else:
            failures.append("outline lacks chapter %r (in order)" % a)
    for o in top:
        pg = o.get("destpageposfrom1")
        if not pg or squash(o["title"]) not in squash(body(pages[pg - 1])):
            failures.append("outline entry %r points at page %s without its heading" % (o["title"], pg))
    # every activity under its area, up to 1,000 activities (pdf_style.c); chapters only above
    n_acts = sum(len(o["kids"]) for o in top)
    if len(titles) <= 1000 and n_acts < len(titles):
        failures.append("outline has %d entries under chapters, expected at least %d activities"
                        % (n_acts, len(titles)))
    if len(titles) > 1000 and n_acts >= len(titles):
        failures.append("outline lists %d entries for a plan of %d activities: only chapters "
                        "are expected past 1,000" % (n_acts, len(titles)))

    # 4. every link of the plan is a clickable URI annotation, ASCII, percent-encoded
    raw = open(pdf, "rb").read()
    uris = set()
    for m in re.finditer(rb"/URI \(((?:[^\\)]|\\.)*)\)", raw):
        u = re.sub(rb"\\([0-7]{3})", lambda x: bytes([int(x.group(1), 8)]), m.group(1))
        u = re.sub(rb"\\(.)", rb"\1", u)
        uris.add(u.decode("ascii"))
    for area in doc["areas"]:
        for a in area.get("activities") or []:
            for link in a.get("links") or []:
                want = "".join(c if 0x20 < ord(c) < 0x7f else
                               "".join("%%%02X" % b for b in c.encode("utf-8")) for c in link)
                if want not in uris:
                    failures.append("link %r of %s is not a URI annotation %r" % (link, a["id"], want))

    # 5. Spanish booklets: no English label left
    if lang == "es":
        english = ["Contents", "Foreword", "At a glance", "Timeline", "Annexes", "Glossary",
                   "Timeframe", "Focal point", "Latest progress note", "Members by party",
                   "Activities by country", "Takes part in", "Expected outputs", "Indicators",
                   "Progress", "Planned", "Ongoing", "Completed", "Delayed", "Cancelled",
                   "(continued)", "Version"]
        text = "\n".join(pages)
        for w in english:
            if re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", text):
                failures.append("English label %r left in the Spanish booklet" % w)
        if not re.search(r"Página \d+ de \d+", text):
            failures.append("no 'Página N de M' footer in the Spanish booklet")

    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
