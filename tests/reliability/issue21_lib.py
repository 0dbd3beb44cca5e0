"""Shared by tests/reliability/issue21_*.py (issue 21): a small plan with one
activity per workbook, its progress file, workbooks made from it, run(), check()."""
import datetime
import os
import subprocess
import sys

import openpyxl

import import_check  # noqa: E402 (beside this file)

WP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/san/workplan")
ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
os.environ.setdefault("LSAN_OPTIONS",
                      "suppressions=%s/tests/lsan.supp:print_suppressions=0" % ROOT)
counts = {"passed": 0, "failed": 0}

# the lock tests' plan (one area of N_ACT activities) and hand-kept progress file,
# under a programme id of its own
N_ACT = import_check.N_ACT
PLAN = import_check.PLAN.replace("lock-plan", "race-plan").replace("Lock test", "Race test")
PROGRESS = import_check.PROGRESS.replace("lock-plan", "race-plan")


def check(name, cond, detail=""):
    if cond:
        counts["passed"] += 1
    else:
        counts["failed"] += 1
        print(f"FAIL {name}")
        if detail:
            print("    " + str(detail).replace("\n", "\n    ")[:3000])
    return cond


def run(*args, cwd, env=None, stdin=None):
    e = dict(os.environ)
    e.setdefault("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    e.update(env or {})
    p = subprocess.run([WP, *args], cwd=cwd, capture_output=True, text=True, env=e,
                       timeout=300, input=stdin)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read().decode()


write = import_check.write


def row_of(ws, aid):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == aid:
            return r
    raise KeyError(aid)


def tracker(wb):
    return wb["Tracker"]


def make_books(work, plan="plan.yaml"):
    """One workbook per activity k, each reporting on activity k only."""
    code, out, err = run("xlsx", plan, "-o", "base.xlsx", cwd=work)
    check("export the base workbook", code == 0, err)
    books = []
    for k in range(1, N_ACT + 1):
        wb = openpyxl.load_workbook(os.path.join(work, "base.xlsx"))
        ws = tracker(wb)
        r = row_of(ws, f"AR-{k:02d}")
        ws[f"H{r}"] = "Ongoing"
        ws[f"I{r}"] = 10 + k
        ws[f"J{r}"] = datetime.date(2024, 4, k)
        ws[f"J{r}"].number_format = "yyyy-mm-dd"
        ws[f"L{r}"] = f"report {k}"
        name = f"book{k}.xlsx"
        wb.save(os.path.join(work, name))
        books.append(name)
    return books


def finish(name):
    print(f"{name}: {counts['passed']} passed, {counts['failed']} failed")
    sys.exit(1 if counts["failed"] else 0)
