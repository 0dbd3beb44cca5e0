#!/usr/bin/python3
"""Issue 21 items 7 and 9 (import): `updates: []` can be imported into; stdout
reports only what was written (one count, explained; a failed write says
nothing was written); a lock file that is a symbolic link or a FIFO is named
as such.

    tests/reliability/issue21_import.py WORKPLAN"""
import os
import resource
import shutil
import signal
import subprocess
import tempfile

from issue21_lib import PLAN, PROGRESS, WP, check, finish, make_books, read, run, write

EMPTY = "format: workplan-progress/1\nplan: race-plan\nupdates: []\n"


def limited(kib):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))
    return pre


def main():
    work = tempfile.mkdtemp(prefix="wp-i21-import-")
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        books = make_books(work)
        prog = os.path.join(work, "progress.yaml")

        # item 7: an empty flow list
        for text in (EMPTY, EMPTY.replace("[]", "[ ]"), EMPTY + "# trailing comment\n"):
            write(prog, text)
            code, out, err = run("import", "plan.yaml", books[1], books[2], cwd=work)
            got = read(prog)
            check(f"updates: [] ({text!r}): exit 0", code == 0, (code, out, err))
            check(f"updates: [] ({text!r}): both updates written",
                  'note: "report 2"' in got and 'note: "report 3"' in got, got)
            check(f"updates: [] ({text!r}): reports 2 appended",
                  "progress.yaml: 2 updates appended" in out, out)
            code, out, err = run("check", "plan.yaml", "--progress", "progress.yaml", cwd=work)
            check(f"updates: [] ({text!r}): the result checks", code == 0, err)

        # item 7: a write that fails says nothing was written, and no "taken"
        pad = PROGRESS + "".join(f"# padding line {i:04d} of the progress file\n"
                            for i in range(60))
        write(prog, pad[:2040 - 1] + "\n")
        before = read(prog)
        kib = (len(before) + 1023) // 1024
        p = subprocess.run([WP, "import", "plan.yaml", books[3]], cwd=work, text=True,
                           capture_output=True, preexec_fn=limited(kib))
        check("full disk: exit 3", p.returncode == 3, (p.returncode, p.stdout, p.stderr))
        check("full disk: file as it was", read(prog) == before)
        check("full disk: stdout claims nothing taken or appended",
              "taken" not in p.stdout and "appended" not in p.stdout, p.stdout)
        check("full disk: stdout says nothing was written",
              "progress.yaml: nothing written" in p.stdout, p.stdout)

        # item 9: one count: the updates written, printed once written
        write(prog, PROGRESS)
        code, out, err = run("import", "plan.yaml", books[4], books[6], cwd=work)
        check("two workbooks: exit 0", code == 0, (code, out, err))
        check("two workbooks: each line, then the one count written",
              out == "book5.xlsx: 1 update taken, 7 rows unchanged, 0 rows refused\n"
                     "book7.xlsx: 1 update taken, 7 rows unchanged, 0 rows refused\n"
                     "progress.yaml: 2 updates appended\n", out)

        # item 9: one count, explained: the update taken was already in the file when the
        # import came to write (an editor added it meanwhile): 0 appended, and why
        write(prog, PROGRESS)
        code, out, err = run("import", "plan.yaml", "--dry-run", books[2], cwd=work)
        item = out.split("# would append to progress.yaml:\n", 1)[-1]
        fifo = os.path.join(work, "slow.xlsx")
        os.mkfifo(fifo)
        p = subprocess.Popen([WP, "import", "plan.yaml", books[2], "slow.xlsx"], cwd=work,
                             text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        with open(fifo, "w"):  # returns once the import, past books[2], opens the FIFO
            write(prog + ".new", PROGRESS + item)
            os.rename(prog + ".new", prog)
        out, err = p.communicate(timeout=120)
        os.unlink(fifo)
        check("same update already there: appended once", read(prog) == PROGRESS + item,
              read(prog))
        check("same update already there: one count, explained",
              "progress.yaml: 0 updates appended (1 more was the same update, from another "
              "workbook or already in the file)" in out.splitlines(), (out, err))

        # item 9: the lock file is a symbolic link or a FIFO
        lock = os.path.join(work, ".progress.yaml.lock")
        for kind in ("link", "fifo"):
            write(prog, PROGRESS)
            os.unlink(lock)
            if kind == "link":
                os.symlink("elsewhere", lock)
                want = "is a symbolic link"
            else:
                os.mkfifo(lock)
                want = "is a FIFO"
            code, out, err = run("import", "plan.yaml", books[5], cwd=work)
            check(f"lock file is a {kind}: exit 3", code == 3, (code, out, err))
            check(f"lock file is a {kind}: says what is wrong",
                  f"lock file '.progress.yaml.lock' {want}, not a regular file; remove it"
                  in err, err)
            check(f"lock file is a {kind}: nothing written", read(prog) == PROGRESS)
        os.unlink(lock)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish("issue21_import")


if __name__ == "__main__":
    main()
