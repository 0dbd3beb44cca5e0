#!/usr/bin/python3
"""Items 7 and 8: dates typed into a workbook are checked against the day of the import.

- a "Last update" after the day of the import (SOURCE_DATE_EPOCH, else the clock) or
  before the plan period is refused, naming workbook, sheet and cell; nothing written;
- the day of the import itself is accepted;
- a changed row whose date was left as exported is taken with the day of the import and a
  warning naming the cell; so is one whose date was blank.
"""
import datetime

from reader_lib import (check, done, workdir, cleanup, export, run, progress_bytes,
                        openpyxl_edit, tracker_row)

DAY = datetime.date(2026, 3, 1)
work = workdir()
path = export(work, "PE.xlsx")
r1, r2, r3 = (tracker_row(path, a) for a in ("ECO-01", "ECO-02", "ECO-03"))
before = progress_bytes(work)

# 7: after the day of the import, or before the period
openpyxl_edit(path, {("ECO-01", "H"): "Ongoing", ("ECO-01", "J"): datetime.date(2099, 6, 1),
                     ("ECO-02", "H"): "Ongoing", ("ECO-02", "J"): datetime.date(2026, 3, 2),
                     ("ECO-03", "H"): "Delayed", ("ECO-03", "J"): datetime.date(2020, 12, 31)},
              out=f"{work}/bad.xlsx")
code, out, err = run("import", "plan.yaml", "bad.xlsx", cwd=work, day=DAY)
lines = err.splitlines()
check("future dates: exit 1", code == 1, out + err)
check("2099 refused, naming the cell",
      f"bad.xlsx:Tracker!J{r1}: error: date '2099-06-01' is after the day of the import "
      "(2026-03-01)" in lines, err)
check("the day after the import refused",
      f"bad.xlsx:Tracker!J{r2}: error: date '2026-03-02' is after the day of the import "
      "(2026-03-01)" in lines, err)
check("before the period refused",
      f"bad.xlsx:Tracker!J{r3}: error: date '2020-12-31' is before the plan period starts "
      "(2021-01-01)" in lines, err)
check("refused dates: summary", out.startswith("bad.xlsx: 0 updates taken, 0 rows unchanged, "
                                               "3 rows refused"), out)
check("refused dates: nothing written", progress_bytes(work) == before)

# the day of the import is fine; typed as text too
openpyxl_edit(path, {("ECO-01", "H"): "Ongoing", ("ECO-01", "J"): "2026-03-01"},
              out=f"{work}/today.xlsx")
code, out, err = run("import", "plan.yaml", "--dry-run", "today.xlsx", cwd=work, day=DAY)
check("the day of the import accepted", code == 0 and
      "- activity: ECO-01\n    date: 2026-03-01\n    status: ongoing\n" in out, out + err)
# without SOURCE_DATE_EPOCH the clock decides: 2099 is still refused
code, out, err = run("import", "plan.yaml", "--dry-run", "bad.xlsx", cwd=work)
check("clock: 2099 refused", f"bad.xlsx:Tracker!J{r1}: error: date '2099-06-01' is after the "
      "day of the import (" in err, err)

# 8: changed rows whose date was not changed (ECO-03: exported 2023-02-01; ECO-01: blank)
openpyxl_edit(path, {("ECO-03", "I"): 35, ("ECO-01", "H"): "Delayed"}, out=f"{work}/undated.xlsx")
code, out, err = run("import", "plan.yaml", "undated.xlsx", cwd=work, day=DAY)
lines = err.splitlines()
check("undated: exit 0", code == 0, out + err)
for aid, r in (("ECO-01", r1), ("ECO-03", r3)):
    check(f"undated {aid}: warning names the cell",
          f"undated.xlsx:Tracker!J{r}: warning: '{aid}' was changed but its last update date "
          "was not; taken as of 2026-03-01, the day of the import" in lines, err)
got = progress_bytes(work)[len(before):].decode()
check("undated: taken as of the day of the import", got ==
      "  - activity: ECO-01\n    date: 2026-03-01\n    status: delayed\n    progress: 0\n"
      "    reported_by: PE\n"
      "  - activity: ECO-03\n    date: 2026-03-01\n    status: ongoing\n    progress: 35\n"
      "    reported_by: PE\n", got)
# importing it again, a day later, adds nothing
after = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "undated.xlsx", cwd=work,
                     day=DAY + datetime.timedelta(days=1))
check("undated: re-import adds nothing", code == 0 and progress_bytes(work) == after and
      out.startswith("undated.xlsx: 0 updates taken, 3 rows unchanged"), out + err)
# the same undated change in two copies imported together is taken once
import shutil  # noqa: E402
openpyxl_edit(path, {("ECO-02", "I"): 10}, out=f"{work}/copy1.xlsx")
shutil.copy(f"{work}/copy1.xlsx", f"{work}/copy2.xlsx")
code, out, err = run("import", "plan.yaml", "--dry-run", "copy1.xlsx", "copy2.xlsx", cwd=work,
                     day=DAY)
check("two copies: taken once", code == 0 and out.count("- activity: ECO-02") == 1 and
      "copy2.xlsx: 0 updates taken, 3 rows unchanged" in out, out + err)
check("two copies: one warning", err.count("'ECO-02' was changed but") == 1, err)
# an untouched workbook is quiet
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("untouched: quiet", code == 0 and "warning" not in err, err)
cleanup(work)

# an untouched "Reported by" of an old workbook credits the workbook's member, not the
# reporter it showed when exported (ECO-03: CL then, PA since)
work = workdir()
path = export(work, "PE.xlsx")
with open(f"{work}/progress.yaml", "a") as f:
    f.write("  - activity: ECO-03\n    date: 2026-01-10\n    progress: 30\n    reported_by: PA\n")
openpyxl_edit(path, {("ECO-03", "H"): "Delayed", ("ECO-03", "J"): datetime.date(2026, 2, 1)})
code, out, err = run("import", "plan.yaml", "--dry-run", "PE.xlsx", cwd=work, day=DAY)
check("old reporter cell: the member reports", code == 0 and out.endswith(
    "  - activity: ECO-03\n    date: 2026-02-01\n    status: delayed\n    reported_by: PE\n"),
    out + err)
cleanup(work)
done()
