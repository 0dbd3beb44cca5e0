#!/usr/bin/python3
"""Issue 21 items 2, 3 and 8 (the Indicators sheet): a date in a Value cell is
refused naming the cell; `25%` in a Value cell of a `%` indicator is 25 (typed
text, or 0.25 with a percent format); a changed grey "Expected now" or "On
track" cell refuses its row (docs/round-trip.md).

    tests/reliability/issue21_cells.py WORKPLAN"""
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

from issue21_lib import check, finish, read, run, write

HERE = os.path.dirname(os.path.abspath(__file__))

PLAN = """\
format: workplan/1
plan:
  id: cells-plan
  title: Cells test plan
  parties: [NORTH]
  period: {from: 2021, to: 2026}
  version: "1.0"
  languages: [en]
parties:
  NORTH: {name: Northern group, members: [CL, PE]}
countries: {CL: Chile, PE: Peru}
areas:
  - id: AR
    title: Area
    activities:
      - id: AR-01
        title: Activity 1
        lead: [PE]
        start: 2021-Q1
        end: 2026-Q4
        indicators:
          - id: SHARE
            text: Share of sites reporting
            unit: "%"
            baseline: 10
            target: 80
          - id: THESES
            text: Theses defended
            unit: theses
            target: 40
"""
PROGRESS = "format: workplan-progress/1\nplan: cells-plan\nupdates:\n  - activity: AR-01\n" \
    "    date: 2023-02-01\n    status: ongoing\n"


def row_of(ws, ref):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == ref:
            return r
    raise KeyError(ref)


def edited(work, name, ref, col, value, fmt=None):
    wb = openpyxl.load_workbook(os.path.join(work, "base.xlsx"))
    ws = wb["Indicators"]
    r = row_of(ws, ref)
    ws[f"{col}{r}"] = value
    if fmt:
        ws[f"{col}{r}"].number_format = fmt
    ws[f"J{r}"] = datetime.date(2024, 6, 1)
    ws[f"J{r}"].number_format = "yyyy-mm-dd"
    wb.save(os.path.join(work, name))
    return f"Indicators!{col}{r}"


def lo_type(src, out, edits):
    """Enters text as typed in LibreOffice (issue21_lo_type.xba) and saves as xlsx."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        print("NOTE LibreOffice cases not run: soffice is not installed")
        return False
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    env = f"-env:UserInstallation=file://{profile}"
    try:
        subprocess.run([exe, env, "--headless", "--terminate_after_init"], capture_output=True,
                       timeout=240)
        module = os.path.join(profile, "user", "basic", "Standard", "Module1.xba")
        if not check("LibreOffice profile made", os.path.exists(module)):
            return False
        shutil.copy(os.path.join(HERE, "issue21_lo_type.xba"), module)
        spec = "\x1e".join("\x1f".join(e) for e in edits)
        p = subprocess.run([exe, env, "--headless",
                            f'macro:///Standard.Module1.TypeIn("{src}","{out}","{spec}")'],
                           capture_output=True, text=True, timeout=120)
        return check("LibreOffice typed and saved", p.returncode == 0 and os.path.exists(out),
                     p.stdout + p.stderr)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def attempt(work, name):
    write(os.path.join(work, "progress.yaml"), PROGRESS)
    code, out, err = run("import", "plan.yaml", name, cwd=work)
    return code, out, err, read(os.path.join(work, "progress.yaml"))


def main():
    work = tempfile.mkdtemp(prefix="wp-i21-cells-")
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        write(os.path.join(work, "progress.yaml"), PROGRESS)
        code, out, err = run("xlsx", "plan.yaml", "-o", "base.xlsx", cwd=work)
        check("export", code == 0, err)

        # item 2: a date in a Value cell
        for name, value, fmt in [("date.xlsx", datetime.date(2025, 7, 1), "yyyy-mm-dd"),
                                 ("serial.xlsx", 46204, "MM/DD/YY"),
                                 ("datetext.xlsx", "7/1", None),
                                 ("isotext.xlsx", "2025-07-01", None)]:
            cell = edited(work, name, "AR-01/THESES", "I", value, fmt)
            code, out, err, text = attempt(work, name)
            check(f"date in Value ({name}): refused", code == 1, (code, out, err))
            check(f"date in Value ({name}): names the cell and says why",
                  f"{name}:{cell}: error: value" in err and "is a date" in err, err)
            check(f"date in Value ({name}): nothing of it written", text == PROGRESS, text)

        # item 3: 25% in a Value cell of a % indicator
        for name, value, fmt in [("pct-text.xlsx", "25%", None),
                                 ("pct-text2.xlsx", " 25 % ", None),
                                 ("pct-num.xlsx", 0.25, "0%"),
                                 ("pct-num2.xlsx", 0.25, "0.00%")]:
            edited(work, name, "AR-01/SHARE", "I", value, fmt)
            code, out, err, text = attempt(work, name)
            check(f"25% ({name}): taken", code == 0, (code, out, err))
            check(f"25% ({name}): as 25", "{SHARE: 25}" in text, text)
        # a plain 25 stays 25, and 25% for an indicator whose unit is not % is refused
        edited(work, "plain.xlsx", "AR-01/SHARE", "I", 25)
        code, out, err, text = attempt(work, "plain.xlsx")
        check("plain 25 for %: 25", code == 0 and "{SHARE: 25}" in text, (code, err, text))
        cell = edited(work, "pct-other.xlsx", "AR-01/THESES", "I", "25%")
        code, out, err, text = attempt(work, "pct-other.xlsx")
        check("25% for a unit that is not %: refused naming the cell",
              code == 1 and f"{cell}:" in err and "'%'" in err, (code, err))

        # items 2 and 3 as a person types them into LibreOffice: 7/1 becomes a date,
        # 25% the number 0.25, each with the format LibreOffice gives the cell
        wb = openpyxl.load_workbook(os.path.join(work, "base.xlsx"))
        share, theses = (row_of(wb["Indicators"], r) for r in ("AR-01/SHARE", "AR-01/THESES"))
        for name, cell, typed, kind, want in [
                ("lo-date.xlsx", f"I{theses}", "7/1", "date", None),
                ("lo-pct.xlsx", f"I{share}", "25%", "percent", "{SHARE: 25}")]:
            row = cell[1:]
            if not lo_type(os.path.join(work, "base.xlsx"), os.path.join(work, name),
                           [("Indicators", cell, typed, kind),
                            ("Indicators", f"J{row}", "2024-06-01", "date")]):
                continue
            code, out, err, text = attempt(work, name)
            if want is None:
                check(f"LibreOffice {typed}: refused naming the cell", code == 1 and
                      f"Indicators!{cell}: error: value" in err and "is a date" in err, (code, err))
                check(f"LibreOffice {typed}: nothing written", text == PROGRESS, text)
            else:
                check(f"LibreOffice {typed}: taken as 25", code == 0 and want in text,
                      (code, err, text))

        # item 8: the grey derived cells
        for col, what in (("H", "Expected now"), ("L", "On track")):
            name = f"grey-{col}.xlsx"
            cell = edited(work, name, "AR-01/THESES", col, "anything else")
            wb = openpyxl.load_workbook(os.path.join(work, name))
            ws = wb["Indicators"]
            ws[f"I{row_of(ws, 'AR-01/THESES')}"] = 12
            wb.save(os.path.join(work, name))
            code, out, err, text = attempt(work, name)
            check(f"grey {what} changed: the row refused", code == 1 and "THESES" not in text,
                  (code, out, err, text))
            check(f"grey {what} changed: names the cell",
                  f"{cell}: error: locked column '{what}'" in err, err)
        # untouched grey cells: the row is taken
        edited(work, "ok.xlsx", "AR-01/THESES", "I", 12)
        code, out, err, text = attempt(work, "ok.xlsx")
        check("grey cells untouched: taken", code == 0 and "THESES: 12}" in text,
              (code, err, text))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("issue21_cells")


if __name__ == "__main__":
    main()
