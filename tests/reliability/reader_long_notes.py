#!/usr/bin/python3
"""Items 4 and 17: long notes survive an untouched round trip; a cell's legal content imports.

- a note over Excel's 32,767-character limit is cut in the workbook (with a warning); the
  untouched workbook imported back adds nothing (the cut copy is no new note); the limit
  counts UTF-16 units, so 20,000 emoji are cut too, never inside one;
- an untouched note of 25,000 CJK characters (75,000 bytes, legal in a cell) adds nothing,
  and one typed into the workbook is taken whole;
- a note of more than 32,767 UTF-16 units (astral characters count twice) is refused,
  naming the cell.
"""
import datetime

import openpyxl

from reader_lib import (check, done, workdir, cleanup, export, run, progress_bytes, PROGRESS, PLAN,
                        openpyxl_edit, tracker_row, zip_parts, zip_write, set_cell_xml)

DAY = datetime.date(2026, 3, 1)
LONG = "Long note " + "x" * 40000 + " end"
CJK = "東南アジア" * 5000  # 25,000 characters, 75,000 bytes


def progress_with(note):
    return PROGRESS + ("  - activity: ECO-01\n    date: 2024-01-10\n    status: ongoing\n"
                       f"    progress: 30\n    reported_by: PE\n    note: \"{note}\"\n")


# 4: the cut note comes back untouched
work = workdir(progress=progress_with(LONG))
code, out, err = run("xlsx", "plan.yaml", "--member", "PE", "-o", "PE.xlsx", cwd=work)
check("long note export exit 0", code == 0, err)
check("long note export warns of the cut", "warning" in err and "32767" in err.replace(",", ""),
      err)
before = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("untouched long note: exit 0", code == 0, out + err)
check("untouched long note: nothing taken",
      out.startswith("PE.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused"), out + err)
check("untouched long note: file unchanged", progress_bytes(work) == before)
# a change elsewhere in the row does not carry the cut note either
openpyxl_edit(f"{work}/PE.xlsx", {("ECO-01", "I"): 45, ("ECO-01", "J"): datetime.date(2026, 2, 1)})
code, out, err = run("import", "plan.yaml", "--dry-run", "PE.xlsx", cwd=work, day=DAY)
check("long note row changed: taken", code == 0 and "progress: 45" in out, out + err)
check("long note row changed: no note appended", "note:" not in out.split("# would append")[1],
      out)
cleanup(work)

# 4: a note of 20,000 emoji is 40,000 UTF-16 units: cut in the workbook to 16,383 of them (never
# half of one), and the untouched copy adds nothing (uncut, it would be refused as too long)
EMOJI = "😀" * 20000
work = workdir(progress=progress_with(EMOJI))
code, out, err = run("xlsx", "plan.yaml", "--member", "PE", "-o", "PE.xlsx", cwd=work)
check("emoji note export warns of the cut", code == 0 and "warning" in err, err)
r = tracker_row(f"{work}/PE.xlsx", "ECO-01")
cell = openpyxl.load_workbook(f"{work}/PE.xlsx")["Tracker"][f"L{r}"]
check("emoji note cut to 32,767 units", cell.value == "😀" * 16383, len(cell.value or ""))
before = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("untouched emoji note: nothing taken", code == 0 and out.startswith(
    "PE.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused") and err == "", out + err)
check("untouched emoji note: file unchanged", progress_bytes(work) == before)
cleanup(work)

# 17: 25,000 CJK characters untouched, then typed
work = workdir(progress=progress_with(CJK))
export(work, "PE.xlsx")
before = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("untouched CJK note: exit 0", code == 0, out + err)
check("untouched CJK note: nothing taken", out.startswith("PE.xlsx: 0 updates taken"), out + err)
check("untouched CJK note: file unchanged", progress_bytes(work) == before)
new = "新しい報告" * 6000  # 30,000 characters: still legal
openpyxl_edit(f"{work}/PE.xlsx", {("ECO-01", "L"): new, ("ECO-01", "J"): datetime.date(2026, 2, 2)})
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("typed CJK note: exit 0", code == 0, out + err)
check("typed CJK note: taken whole", progress_bytes(work) == before + (
    "  - activity: ECO-01\n    date: 2026-02-02\n    status: ongoing\n    progress: 30\n"
    f"    reported_by: PE\n    note: \"{new}\"\n").encode(), err)
cleanup(work)

# over the limit in UTF-16 units: 20,000 emoji are 40,000 units
work = workdir()
path = export(work, "PE.xlsx")
r = tracker_row(path, "ECO-02")
parts = zip_parts(path)
parts = set_cell_xml(parts, 1, f"L{r}",
                     f'<c r="L{r}" t="inlineStr"><is><t>{"😀" * 20000}</t></is></c>')
parts = set_cell_xml(parts, 1, f"J{r}", f'<c r="J{r}" t="inlineStr"><is><t>2026-02-03</t></is></c>')
zip_write(path, parts)
before = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("too long note: exit 1", code == 1, out + err)
check("too long note: names the cell",
      f"PE.xlsx:Tracker!L{r}: error: note is longer than a cell may hold (32767 characters)"
      in err.splitlines(), err)
check("too long note: file unchanged", progress_bytes(work) == before)
cleanup(work)

# a locked title over the cell limit: the fingerprint covers the cut title, so the untouched
# workbook imports, and a changed lead is named as the lead (not the cut title)
plan = PLAN.replace("title: Customs exchange", "title: Customs " + "y" * 40000)
work = workdir(plan=plan)
path = export(work, "PE.xlsx")
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("long title untouched: unchanged", code == 0 and out.startswith(
    "PE.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused"), out + err)
r = tracker_row(path, "ECO-03")
openpyxl_edit(path, {("ECO-03", "D"): "Peru", ("ECO-03", "H"): "Delayed"})
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("long title, changed lead: the lead is named",
      f"PE.xlsx:Tracker!D{r}: error: locked column 'Lead' of 'ECO-03' was changed; row not "
      "imported" in err.splitlines(), err)
cleanup(work)
done()
