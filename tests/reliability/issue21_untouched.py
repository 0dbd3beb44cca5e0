#!/usr/bin/python3
"""Issue 21 item 4: an untouched workbook never brings back an update removed by
hand from progress.yaml: an untouched Tracker row is never a change (the
workbook carries a fingerprint of its editable cells as exported).

    tests/reliability/issue21_untouched.py WORKPLAN"""
import os
import shutil
import tempfile

import openpyxl

from issue21_lib import PLAN, PROGRESS, check, finish, read, row_of, run, write

WITH = PROGRESS + """\
  - activity: AR-02
    date: 2024-03-01
    status: ongoing
    progress: 40
    reported_by: CL
    note: "Started in March"
"""


def main():
    work = tempfile.mkdtemp(prefix="wp-i21-untouched-")
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        prog = os.path.join(work, "progress.yaml")
        write(prog, WITH)
        for member in ("PE", None):
            name = f"{member or 'all'}.xlsx"
            extra = ["--member", member] if member else []
            code, out, err = run("xlsx", "plan.yaml", *extra, "-o", name, cwd=work)
            check(f"export {name}", code == 0, err)
            # the update of AR-02 removed by hand (a mistake, or reverted on purpose)
            write(prog, PROGRESS)
            code, out, err = run("import", "plan.yaml", name, cwd=work)
            check(f"{name} untouched: exit 0", code == 0, (code, out, err))
            check(f"{name} untouched: nothing brought back", read(prog) == PROGRESS, read(prog))
            check(f"{name} untouched: no warning", err == "", err)
            check(f"{name} untouched: every row unchanged", "0 updates taken" in out, out)
            write(prog, WITH)

        # a row that was changed is still taken, even with the update removed
        wb = openpyxl.load_workbook(os.path.join(work, "PE.xlsx"))
        ws = wb["Tracker"]
        r = row_of(ws, "AR-02")
        ws[f"I{r}"] = 55
        wb.save(os.path.join(work, "changed.xlsx"))
        write(prog, PROGRESS)
        code, out, err = run("import", "plan.yaml", "changed.xlsx", cwd=work)
        text = read(prog)
        check("changed row: taken", code == 0 and "1 update taken" in out, (code, out, err))
        check("changed row: the new progress written", "progress: 55" in text, text)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("issue21_untouched")


if __name__ == "__main__":
    main()
