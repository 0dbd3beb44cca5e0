#!/usr/bin/python3
"""Checks a booklet's pages for text that overlaps other text or runs off the page.

    overlap_check.py BOOKLET.pdf [FIRST LAST]

Reads every word's box from `pdftotext -bbox` and fails (exit 1) when two words on a
page overlap by more than a sliver, or a word leaves the page's printable area (5 pt
from each edge). Prints `overlap: N pages, M problems`.
"""
import re
import subprocess
import sys

path = sys.argv[1]
args = ["pdftotext", "-bbox"]
if len(sys.argv) == 4:
    args += ["-f", sys.argv[2], "-l", sys.argv[3]]
html = subprocess.run(args + [path, "-"], capture_output=True, text=True, check=True).stdout
problems = []
pages = 0
for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
    pages += 1
    pw, ph = float(m.group(1)), float(m.group(2))
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
        m.group(3))]
    for x0, y0, x1, y1, w in words:
        if x0 < 5 or y0 < 5 or x1 > pw - 5 or y1 > ph - 5:
            problems.append("page %d: '%s' runs off the page" % (pages, w))
    # sweep by x so the check stays fast on pages of many words
    words.sort()
    for i, (x0, y0, x1, y1, w) in enumerate(words):
        for k in range(i + 1, len(words)):
            a0, b0, a1, b1, v = words[k]
            if a0 >= x1:
                break
            ox = min(x1, a1) - max(x0, a0)
            oy = min(y1, b1) - max(y0, b0)
            # the glyph boxes of neighbouring lines overlap by their ascenders and descenders
            # (about a tenth of their height): a quarter of the smaller box is an overlap
            if ox > 1.5 and oy > 0.25 * min(y1 - y0, b1 - b0):
                problems.append("page %d: '%s' overlaps '%s'" % (pages, w, v))
for p in problems[:20]:
    print(p)
print("overlap: %d pages, %d problems" % (pages, len(problems)))
sys.exit(1 if problems else 0)
