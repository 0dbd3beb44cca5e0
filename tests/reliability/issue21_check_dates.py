#!/usr/bin/python3
"""Issue 21 item 5: `check` refuses progress and event dates after the build day
(SOURCE_DATE_EPOCH, else the clock), with FILE:LINE:COLUMN, and warns on dates
outside the plan period.

    tests/reliability/issue21_check_dates.py WORKPLAN"""
import datetime
import os
import shutil
import tempfile

from issue21_lib import PLAN, PROGRESS, check, finish, run, write

SDE = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01


def main():
    work = tempfile.mkdtemp(prefix="wp-i21-dates-")
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        # an update after the build day: line 6, column 11 is its date
        write(os.path.join(work, "future.yaml"), PROGRESS.replace("2023-02-01", "2099-06-20"))
        code, out, err = run("check", "plan.yaml", "--progress", "future.yaml", cwd=work, env=SDE)
        check("update in 2099: exit 1", code == 1, (code, out, err))
        check("update in 2099: FILE:LINE:COLUMN and why",
              "future.yaml:6:11: error: date '2099-06-20' is after the build day (2025-01-01)"
              in err, err)
        # an event after the build day
        write(os.path.join(work, "event.yaml"), PROGRESS + "events:\n  - date: 2025-03-01\n"
              "    title: A meeting\n")
        code, out, err = run("check", "plan.yaml", "--progress", "event.yaml", cwd=work, env=SDE)
        check("event after the build day: exit 1", code == 1, (code, out, err))
        check("event after the build day: FILE:LINE:COLUMN",
              "event.yaml:10:11: error: date '2025-03-01' is after the build day (2025-01-01)"
              in err, err)
        code, out, err = run("check", "plan.yaml", "--progress", "event.yaml", cwd=work,
                             env={"SOURCE_DATE_EPOCH": "1740787200"})  # 2025-03-01
        check("event on the build day: fine", code == 0, (code, out, err))
        # no SOURCE_DATE_EPOCH: the clock
        tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
        write(os.path.join(work, "clock.yaml"), PROGRESS.replace("2023-02-01", tomorrow))
        code, out, err = run("check", "plan.yaml", "--progress", "clock.yaml", cwd=work,
                             env={"SOURCE_DATE_EPOCH": ""})
        check("no SOURCE_DATE_EPOCH: the clock's day", code == 1 and
              f"date '{tomorrow}' is after the build day" in err, (code, err))
        # outside the plan period (2021-2025): a warning
        write(os.path.join(work, "early.yaml"), PROGRESS.replace("2023-02-01", "2019-05-01"))
        code, out, err = run("check", "plan.yaml", "--progress", "early.yaml", cwd=work, env=SDE)
        check("update before the period: exit 0", code == 0, (code, out, err))
        check("update before the period: a warning at its place",
              "early.yaml:6:11: warning: date '2019-05-01' is outside the plan period 2021–2025"
              in err, err)
        code, out, err = run("check", "plan.yaml", "--progress", "early.yaml", "--strict",
                             cwd=work, env=SDE)
        check("update before the period, --strict: exit 1", code == 1, (code, err))
        # a good file stays clean
        write(os.path.join(work, "good.yaml"), PROGRESS)
        code, out, err = run("check", "plan.yaml", "--progress", "good.yaml", cwd=work, env=SDE)
        check("a good file: exit 0, no diagnostic", code == 0 and err == "", (code, err))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("issue21_check_dates")


if __name__ == "__main__":
    main()
