#!/usr/bin/python3
"""Item 16: what docs/round-trip.md promises a ministry can do with the Tracker works.

The Tracker is protected; sorting locked cells cannot work in Excel or LibreOffice, so the
sheet does not offer it and the guide does not promise it. Filtering does work: the sheet
allows the autofilter on its table, and a workbook saved with a filter on (rows hidden)
imports exactly its edits.
"""
import datetime
import os
import re
import zipfile

import openpyxl

from reader_lib import (check, done, workdir, cleanup, export, run, tracker_row, zip_parts,
                        sheet_part_of, part, ROOT)

work = workdir()
path = export(work, "PE.xlsx")
parts = zip_parts(path)
xml = part(parts, sheet_part_of(parts, 1)).decode()
prot = re.search(r"<sheetProtection[^>]*>", xml)
check("tracker protected", prot is not None and 'sheet="1"' in prot.group(0), xml[:300])
attrs = prot.group(0) if prot else ""
check("autofilter allowed", 'autoFilter="0"' in attrs, attrs)
check("sort not offered", 'sort="0"' not in attrs, attrs)
with zipfile.ZipFile(path) as z:
    tables = [n for n in z.namelist() if n.startswith("xl/tables/")]
    check("the tracker table has an autofilter", tables and
          b"<autoFilter" in z.read(tables[0]), str(tables))

# a filter on (a person showed only ECO-01 and ECO-03), and edits: exactly those edits
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[1]
r2 = tracker_row(path, "ECO-02")
ws.row_dimensions[r2].hidden = True
r1 = tracker_row(path, "ECO-01")
ws.cell(r1, 8).value = "Ongoing"
ws.cell(r1, 10).value = datetime.date(2026, 2, 1)
wb.save(f"{work}/filtered.xlsx")
code, out, err = run("import", "plan.yaml", "--dry-run", "filtered.xlsx", cwd=work,
                     day=datetime.date(2026, 3, 1))
check("filtered workbook: exactly its edit", code == 0 and out.startswith(
    "filtered.xlsx: 1 update taken, 2 rows unchanged, 0 rows refused") and
    "- activity: ECO-01\n    date: 2026-02-01\n    status: ongoing\n" in out, out + err)

# the guide promises filters, and neither sorting nor added columns
guide = open(os.path.join(ROOT, "docs", "round-trip.md"), encoding="utf-8").read()
check("guide: no promise of sorting", not re.search(r"[Ss]orting[^.]*is fine", guide))
check("guide: filters", re.search(r"filter", guide) is not None)
check("guide: says sorting is not possible", re.search(r"cannot be sorted|not be sorted|no "
                                                      r"sorting", guide) is not None)
cleanup(work)
done()
