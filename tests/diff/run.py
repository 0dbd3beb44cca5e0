#!/usr/bin/python3
"""Golden tests of `workplan diff` and the booklet's changes annex.

    run.py WORKPLAN              check every case against tests/diff/expected/
    run.py WORKPLAN regenerate   rewrite tests/diff/expected/ (then review the diff)

Each case of cases.py is a real edit of a copy of plan/ or samples/ (in
tests/diff/base/); its expected file holds the exact output in every language
of the plan and every format, and the exit status with --exit-code.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from cases import CASES, OLD_EDITS, apply  # noqa: E402

WP = os.path.abspath(sys.argv[1])
REGENERATE = len(sys.argv) > 2 and sys.argv[2] == "regenerate"
SCHEMA = json.load(open(os.path.join(ROOT, "schema", "diff.schema.json"), encoding="utf-8"))
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}\n{detail}")


def run(args, cwd):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    # libxlsxwriter 1.1.4's known leak (as tests/run.sh sets it)
    env.setdefault("LSAN_OPTIONS", f"suppressions={ROOT}/tests/lsan.supp:print_suppressions=0")
    env.pop("SOURCE_DATE_EPOCH", None)
    p = subprocess.run([WP] + args, cwd=cwd, capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def make_case(tmp, name, base, edits, progress_edits):
    d = os.path.join(tmp, name)
    text = open(os.path.join(HERE, "base", base + ".yaml"), encoding="utf-8").read()
    prog_path = os.path.join(HERE, "base", base + ".progress.yaml")
    prog = open(prog_path, encoding="utf-8").read() if os.path.exists(prog_path) else None
    sides = {
        "old": (apply(text, OLD_EDITS.get(name, []), name), prog),
        "new": (apply(text, edits, name),
                apply(prog, progress_edits, name) if progress_edits else prog),
    }
    for side, (plan, progress) in sides.items():
        os.makedirs(os.path.join(d, side))
        open(os.path.join(d, side, "workplan.yaml"), "w", encoding="utf-8").write(plan)
        if progress is not None:
            open(os.path.join(d, side, "progress.yaml"), "w", encoding="utf-8").write(progress)
    return d


def languages(path):
    m = re.search(r"^  languages: \[([^\]]*)\]", open(path, encoding="utf-8").read(), re.M)
    return [x.strip() for x in m.group(1).split(",")] if m else ["en"]


def outputs(d):
    """Every language and format, as one text: what the expected file holds."""
    out = []
    for lang in languages(os.path.join(d, "new", "workplan.yaml")):
        for fmt in ("text", "markdown", "json"):
            rc, so, se = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--lang", lang,
                              "--format", fmt, "--exit-code"], d)
            out.append(f"==> --lang {lang} --format {fmt} --exit-code: exit {rc}\n{so}")
            if se:
                out.append(f"--> stderr\n{se}")
            if fmt == "json" and rc in (0, 1):
                try:
                    data = json.loads(so)
                    jsonschema.validate(data, SCHEMA)
                    check(True, "")
                except (ValueError, jsonschema.ValidationError) as e:
                    check(False, f"{os.path.basename(d)}: json output against the schema", str(e))
    return "".join(out)


def golden(tmp):
    for name, base, edits, progress_edits in CASES:
        d = make_case(tmp, name, base, edits, progress_edits)
        got = outputs(d)
        path = os.path.join(HERE, "expected", name + ".txt")
        if REGENERATE:
            open(path, "w", encoding="utf-8").write(got)
            continue
        want = open(path, encoding="utf-8").read() if os.path.exists(path) else "(missing)"
        detail = ""
        if got != want:
            import difflib
            detail = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                  "expected", "got"))
        check(got == want, f"golden {name}", detail)
        if name.startswith("noop-"):
            rc, so, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--exit-code"], d)
            check(rc == 0 and so == "no changes\n", f"{name}: no change", so)
        else:
            rc, so, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--exit-code"], d)
            check(rc == 1 and so.strip(), f"{name}: --exit-code is 1 with changes", so)
            rc, _, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml"], d)
            check(rc == 0, f"{name}: exit 0 without --exit-code")


def same_plan():
    for plan in ("plan/workplan.yaml", "samples/other-programme.yaml", "samples/minimal.yaml"):
        for fmt, want in (("text", "no changes\n"), ("json", "[]\n")):
            rc, so, se = run(["diff", plan, plan, "--exit-code", "--format", fmt], ROOT)
            check(rc == 0 and so == want, f"diff A A ({plan}, {fmt})", so + se)


def errors(tmp):
    d = os.path.join(tmp, "act-end")
    usage = [
        ["diff", "old/workplan.yaml"],
        ["diff", "old/workplan.yaml", "new/workplan.yaml", "new/workplan.yaml"],
        ["diff", "old/workplan.yaml", "new/workplan.yaml", "--format", "xml"],
        ["diff", "old/workplan.yaml", "new/workplan.yaml", "--lang", "fr"],
        ["diff", "old/workplan.yaml", "new/workplan.yaml", "--format"],
        ["diff", "old/workplan.yaml", "new/workplan.yaml", "--bogus"],
    ]
    for args in usage:
        rc, so, se = run(args, d)
        check(rc == 2 and so == "" and se, f"usage error: {' '.join(args[1:])}", f"{rc} {so} {se}")
    bad = os.path.join(d, "bad.yaml")
    text = open(os.path.join(d, "new", "workplan.yaml"), encoding="utf-8").read()
    open(bad, "w", encoding="utf-8").write(text.replace("end: 2025-Q2", "end: 2025-Q9", 1))
    for args in (["diff", "old/workplan.yaml", "bad.yaml"], ["diff", "bad.yaml", "old/workplan.yaml"]):
        rc, so, se = run(args + ["--progress-old", "none", "--progress-new", "none"], d)
        check(rc == 1 and so == "" and re.search(r"^bad\.yaml:\d+:\d+: error: ", se, re.M),
              f"invalid plan: {' '.join(args[1:])}", f"{rc} {so} {se}")
    rc, so, se = run(["diff", "old/workplan.yaml", "missing.yaml"], d)
    check(rc == 3 and so == "", "unreadable NEW is exit 3", f"{rc} {so} {se}")
    # the progress options: 'none' on NEW hides the update
    p = os.path.join(tmp, "progress-update")
    rc, so, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--progress-new", "none",
                     "--progress-old", "none", "--exit-code"], p)
    check(rc == 0 and so == "no changes\n", "--progress-old/--progress-new none", so)
    rc, so, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--progress-new",
                     "new/progress.yaml", "--progress-old", "old/progress.yaml"], p)
    check("RES-03: reported status is now Ongoing instead of Delayed" in so, "explicit progress files", so)


def pdftext(path):
    p = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True)
    return re.sub(r"\s+", " ", p.stdout.decode("utf-8"))


def annex(tmp):
    d = os.path.join(tmp, "activity-moved")
    rc, so, se = run(["build", "new/workplan.yaml", "-d", "out", "--lang", "en,es",
                      "--since", "old/workplan.yaml"], d)
    check(rc == 0, "build --since", se)
    en = pdftext(os.path.join(d, "out", "coastal-network-2024-2027.pdf"))
    es = pdftext(os.path.join(d, "out", "coastal-network-2024-2027.es.pdf"))
    for text, lang in ((en, "en"), (es, "es")):
        _, sentences, _ = run(["diff", "old/workplan.yaml", "new/workplan.yaml", "--lang", lang,
                               "--format", "json"], d)
        title = "Changes since version 2.1" if lang == "en" else "Cambios desde la versión 2.1"
        # in the contents and as the annex's heading
        check(text.count(title) >= 2, f"annex title in contents and annex ({lang})", text[-800:])
        for ch in json.loads(sentences):
            check(ch["sentence"] in text, f"annex sentence ({lang}): {ch['sentence']}", text[-800:])
    # the annex is tagged like the rest of the booklet (PDF/UA-1)
    ua = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "pdfua", "check_pdfua.py"),
                         os.path.join(d, "out", "coastal-network-2024-2027.es.pdf"), "--lang", "es"],
                        capture_output=True, text=True)
    check(ua.returncode == 0, "booklet with the annex passes the PDF/UA-1 checks", ua.stdout[-2000:])
    rc, _, se = run(["pdf", "new/workplan.yaml", "-o", "same.pdf", "--since", "new/workplan.yaml"], d)
    check(rc == 0 and "Nothing has changed since that version." in pdftext(os.path.join(d, "same.pdf")),
          "pdf --since the same plan says nothing changed", se)
    rc, so, se = run(["pdf", "new/workplan.yaml", "-o", "x.pdf", "--since", "../act-end/bad.yaml"], d)
    check(rc == 1 and not os.path.exists(os.path.join(d, "x.pdf")), "invalid --since plan: exit 1, nothing written", se)
    # OLD and the progress file beside it are inputs: no output may overwrite them
    for target in ("old/workplan.yaml", "old/progress.yaml"):
        before = open(os.path.join(d, target), "rb").read()
        rc, so, se = run(["pdf", "new/workplan.yaml", "-o", target, "--since", "old/workplan.yaml"], d)
        after = open(os.path.join(d, target), "rb").read()
        check(rc == 2 and before == after, f"--since: refuses to overwrite {target}", se)
    rc, so, se = run(["pdf", "new/workplan.yaml", "-o", "y.pdf"], d)
    check(rc == 0 and "Changes since" not in pdftext(os.path.join(d, "y.pdf")), "no annex without --since", se)


def main():
    tmp = tempfile.mkdtemp(prefix="wp-diff-")
    try:
        golden(tmp)
        if not REGENERATE:
            same_plan()
            errors(tmp)
            annex(tmp)
    finally:
        shutil.rmtree(tmp)
    print(f"diff: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
