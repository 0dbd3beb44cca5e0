#!/usr/bin/python3
"""Issue 21 items 6 and 9 (diff): `diff` and `--since` between two programmes
(plan ids differ) refuse with exit 2 unless --allow-other-plan; `diff - -` is a
usage error; markdown output escapes @mentions, HTML entities and bidi
overrides.

    tests/reliability/issue21_diff.py WORKPLAN"""
import os
import shutil
import tempfile

from issue21_lib import PLAN, check, finish, run, write

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def main():
    work = tempfile.mkdtemp(prefix="wp-i21-diff-")
    try:
        write(os.path.join(work, "a.yaml"), PLAN)
        write(os.path.join(work, "b.yaml"), PLAN.replace("id: race-plan", "id: other-plan"))
        write(os.path.join(work, "c.yaml"), PLAN.replace(
            "title: Activity 3", 'title: "Ask @octocat &amp; x \\u202Eevil\\u2066 y"'))
        # item 6: another programme
        code, out, err = run("diff", "a.yaml", "b.yaml", cwd=work)
        check("diff of two programmes: exit 2", code == 2, (code, out, err))
        check("diff of two programmes: says why and what to pass",
              "'race-plan'" in err and "'other-plan'" in err and "--allow-other-plan" in err, err)
        check("diff of two programmes: prints no changes", out == "", out)
        code, out, err = run("diff", "a.yaml", "b.yaml", "--allow-other-plan", cwd=work)
        check("diff --allow-other-plan: compares", code == 0, (code, out, err))
        code, out, err = run("diff", "a.yaml", "c.yaml", cwd=work)
        check("diff of one programme: still fine", code == 0, (code, out, err))
        for verb, extra in (("pdf", ["-o", "x.pdf"]), ("build", ["-d", "out"])):
            code, out, err = run(verb, "b.yaml", "--since", "a.yaml", *extra, cwd=work)
            check(f"{verb} --since another programme: exit 2", code == 2 and
                  "--allow-other-plan" in err, (code, out, err))
            check(f"{verb} --since another programme: nothing written",
                  not os.path.exists(os.path.join(work, extra[1])))
            code, out, err = run(verb, "b.yaml", "--since", "a.yaml", "--allow-other-plan",
                                 *extra, cwd=work)
            check(f"{verb} --since --allow-other-plan: written", code == 0, (code, out, err))
        # item 9: `diff - -`
        code, out, err = run("diff", "-", "-", cwd=work, stdin=PLAN)
        check("diff - -: usage error", code == 2 and "standard input" in err and
              "empty" not in err, (code, out, err))
        # item 9: markdown escapes
        code, out, err = run("diff", "a.yaml", "c.yaml", "--format", "markdown", cwd=work)
        check("markdown: done", code == 0, (code, out, err))
        check("markdown: no @mention left", "@octocat" not in out, out)
        check("markdown: the name still there", "octocat" in out, out)
        check("markdown: an entity shows as typed", "&amp;amp;" in out and
              "&amp; x" not in out, out)
        check("markdown: no bidi control", not any(c in out for c in BIDI), ascii(out))
        check("markdown: bidi controls named", "U+202E" in out and "U+2066" in out, out)
        code, out, err = run("diff", "a.yaml", "c.yaml", cwd=work)
        check("text: the title as typed", "@octocat &amp; x" in out, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("issue21_diff")


if __name__ == "__main__":
    main()
