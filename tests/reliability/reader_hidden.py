#!/usr/bin/python3
"""Item 10: every fact of the hidden `_workplan` sheet is covered by its fingerprint.

Changing the member (PE -> MX, ZZ or blank), the plan, the language, an activity id, a
fingerprint, an exported date, the row count, or adding a cell refuses the whole workbook,
naming the sheet; nothing is written. The untouched workbook re-saved the same way imports.
"""
import datetime

import openpyxl

from reader_lib import check, done, workdir, cleanup, export, run, progress_bytes

DAY = datetime.date(2026, 3, 1)
work = workdir()
path = export(work, "PE.xlsx", member="PE")
before = progress_bytes(work)
WANT = ("{name}:_workplan!B9: error: the hidden sheet '_workplan' was changed after export "
        "(its fingerprint does not match); export the workbook again")


def variant(name, cell, value):
    wb = openpyxl.load_workbook(path)
    t = wb.worksheets[1]
    for r in range(2, t.max_row + 1):  # a real report, so a wrong credit would show
        if t.cell(r, 1).value == "ECO-01":
            t.cell(r, 8).value = "Ongoing"
            t.cell(r, 10).value = datetime.date(2026, 2, 1)
    if cell:
        wb["_workplan"][cell].value = value
    wb.save(f"{work}/{name}")


cases = [("mx.xlsx", "B5", "MX"), ("zz.xlsx", "B5", "ZZ"), ("blank.xlsx", "B5", None),
         ("plan.xlsx", "B2", "rel-plan "), ("lang.xlsx", "B4", "es"), ("id.xlsx", "A10", "ECO-09"),
         ("fp.xlsx", "B11", "0000000000000000"), ("date.xlsx", "C12", "2023-02-02"),
         ("rows.xlsx", "B8", 7), ("extra.xlsx", "D1", "note to self"),
         ("built.xlsx", "B6", "2020-01-01"), ("own.xlsx", "B9", None)]
for name, cell, value in cases:
    variant(name, cell, value)
    code, out, err = run("import", "plan.yaml", name, cwd=work, day=DAY)
    check(f"{name} ({cell} -> {value!r}): exit 1", code == 1, out + err)
    check(f"{name}: refused whole", out == f"{name}: workbook refused\n", out)
    check(f"{name}: message", err.splitlines()[:1] == [WANT.format(name=name)], err)
    check(f"{name}: nothing written", progress_bytes(work) == before)

# a workbook without the fingerprint row (made before it existed, or both cells cleared)
wb = openpyxl.load_workbook(path)
wb["_workplan"]["A9"].value = None
wb["_workplan"]["B9"].value = None
wb.save(f"{work}/nofp.xlsx")
code, out, err = run("import", "plan.yaml", "nofp.xlsx", cwd=work, day=DAY)
check("no fingerprint: refused", code == 1 and err.splitlines()[:1] == [
    "nofp.xlsx:_workplan!B9: error: the hidden sheet '_workplan' has no fingerprint (made by an "
    "older workplan, or edited); export the workbook again"], err)

# the same edit of the Tracker alone, the hidden sheet untouched: taken, credited to PE
variant("ok.xlsx", None, None)
code, out, err = run("import", "plan.yaml", "ok.xlsx", cwd=work, day=DAY)
check("untouched hidden sheet: taken", code == 0 and out.startswith("ok.xlsx: 1 update taken"),
      out + err)
check("untouched hidden sheet: credited to PE",
      progress_bytes(work).decode().endswith("    reported_by: PE\n"), progress_bytes(work).decode())
cleanup(work)
done()
