#!/usr/bin/python3
"""Warns about C functions that carry too much (make lint; warnings only).

    scripts/complexity.py [--lines N] [--complexity N] FILE...

A function is a line at column 0 ending a signature, then '{' alone at column 0
down to '}' at column 0 (the layout clang-format gives this tree). Its length is
the lines of its body; its complexity McCabe's count: 1 + each if, for, while,
case, &&, || and ?: in it, strings and comments left out. Prints one
FILE:LINE: warning: line per function over a bound and exits 0.
"""
import re
import sys

DECISIONS = re.compile(r"\b(?:if|for|while|case)\b|&&|\|\||\?")
NAME = re.compile(r"([A-Za-z_]\w*)\s*\(")


def strip(code):
    """Code without comments, string and character literals."""
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    code = re.sub(r"//[^\n]*", " ", code)
    code = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)
    return re.sub(r"'(?:\\.|[^'\\\n])*'", "''", code)


def functions(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0:
            # the signature: the lines above, up to a blank line or a line ending ';' or '}'
            k = i - 1
            while k > 0 and lines[k - 1].strip() and not lines[k - 1].rstrip().endswith((";", "}", "*/")):
                k -= 1
            m = NAME.search(strip("\n".join(lines[k:i])))
            start = i
            i += 1
            while i < len(lines) and lines[i] != "}":
                i += 1
            if m and m.group(1) not in ("if", "for", "while", "switch"):
                body = "\n".join(lines[start + 1:i])
                yield m.group(1), k + 1, i - start - 1, 1 + len(DECISIONS.findall(strip(body)))
        i += 1


def main(argv):
    max_lines, max_cc, files = 60, 20, []
    args = iter(argv)
    for a in args:
        if a == "--lines":
            max_lines = int(next(args))
        elif a == "--complexity":
            max_cc = int(next(args))
        else:
            files.append(a)
    for path in files:
        for name, line, length, cc in functions(path):
            why = []
            if length > max_lines:
                why.append(f"{length} lines (bound {max_lines})")
            if cc > max_cc:
                why.append(f"complexity {cc} (bound {max_cc})")
            if why:
                print(f"{path}:{line}: warning: '{name}' has {' and '.join(why)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
