#!/usr/bin/python3
"""The import side of the reliability promises (issue 10: items 1 and 6, the
progress file's loading), run by tests/suites/reliability-import.sh.

    tests/reliability/import_check.py build/san/workplan

Concurrent imports into one progress file, the lock that serialises them
(waiting, giving up, a kill -9'd holder), a progress file that is a link, has
its own mode or owner, or is a hard link, a progress file that is one of the
workbooks, and SOURCE_DATE_EPOCH. Prints "reliability-import: N passed, M
failed" and exits 1 on any failure."""
import datetime
import fcntl
import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import openpyxl

WP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/san/workplan")
ROUNDS = int(os.environ.get("RELIABILITY_ROUNDS", "20"))
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}")
        if detail:
            print("    " + str(detail).replace("\n", "\n    ")[:3000])


def run(*args, cwd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([WP, *args], cwd=cwd, capture_output=True, text=True, env=e, timeout=300)
    return p.returncode, p.stdout, p.stderr


N_ACT = 8
PLAN = """\
format: workplan/1
plan:
  id: lock-plan
  title: Lock test plan
  parties: [NORTH]
  period: {from: 2021, to: 2025}
  version: "1.0"
  languages: [en]
parties:
  NORTH: {name: Northern group, members: [CL, PE]}
countries: {CL: Chile, PE: Peru}
areas:
  - id: AR
    title: Area
    activities:
""" + "".join(f"""\
      - id: AR-{k:02d}
        title: Activity {k}
        lead: [PE]
        start: 2021-Q1
        end: 2025-Q4
""" for k in range(1, N_ACT + 1))

PROGRESS = """\
# kept by hand: must survive every import
format: workplan-progress/1
plan: lock-plan
updates:
  - activity: AR-01
    date: 2023-02-01
    status: ongoing
    progress: 5
"""


def row_of(ws, aid):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == aid:
            return r
    raise KeyError(aid)


def make_books(work):
    """One workbook per activity k, each reporting on activity k only."""
    code, out, err = run("xlsx", "plan.yaml", "-o", "base.xlsx", cwd=work)
    check("export the base workbook", code == 0, err)
    books = []
    for k in range(1, N_ACT + 1):
        wb = openpyxl.load_workbook(os.path.join(work, "base.xlsx"))
        ws = wb.worksheets[1] if wb.worksheets[0].title == "About" else wb["Tracker"]
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


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def has_all(text, ks):
    return all(f'note: "report {k}"' in text for k in ks) and \
        text.count("- activity:") == 1 + len(ks)


def test_concurrent(work, books, n):
    """n imports at once, each with its own workbook, ROUNDS times."""
    lost = []
    readd = []
    bad_exit = []
    for rnd in range(ROUNDS):
        write(os.path.join(work, "progress.yaml"), PROGRESS)
        procs = [subprocess.Popen([WP, "import", "plan.yaml", b], cwd=work, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for b in books[:n]]
        for p in procs:
            out, err = p.communicate(timeout=300)
            if p.returncode != 0 or "progress.yaml: 1 update appended" not in out:
                bad_exit.append((rnd, p.returncode, out, err))
        text = read(os.path.join(work, "progress.yaml")).decode()
        if not text.startswith(PROGRESS) or not has_all(text, range(1, n + 1)):
            lost.append((rnd, text))
        code, out, err = run("import", "plan.yaml", *books[:n], cwd=work)
        if code != 0 or "appended" in out or read(os.path.join(work, "progress.yaml")).decode() != text:
            readd.append((rnd, code, out, err))
    check(f"{n} concurrent imports x {ROUNDS}: each exits 0 and appends 1", not bad_exit,
          bad_exit[:2])
    check(f"{n} concurrent imports x {ROUNDS}: every update present, old text kept", not lost,
          lost[:1])
    check(f"{n} concurrent imports x {ROUNDS}: re-import adds nothing", not readd, readd[:2])
    code, out, err = run("check", "plan.yaml", "--progress", "progress.yaml", cwd=work)
    check(f"{n} concurrent imports: the result checks clean", code == 0, err)


class Holder:
    """Another process holding the lock file as an import would (flock)."""

    def __init__(self, lock_path):
        r, w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(r)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(w, b"x")
            while True:
                time.sleep(60)
        os.close(w)
        os.read(r, 1)
        os.close(r)

    def kill(self, sig=signal.SIGKILL):
        os.kill(self.pid, sig)
        os.waitpid(self.pid, 0)


def lock_is_held(lock_path):
    fd = os.open(lock_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


WAITING = "waiting for another import of 'progress.yaml'…"


def test_busy_and_crashed_holders(work, books):
    prog = os.path.join(work, "progress.yaml")
    lock = os.path.join(work, ".progress.yaml.lock")
    write(prog, PROGRESS)
    holder = Holder(lock)
    t0 = time.monotonic()
    code, out, err = run("import", "plan.yaml", books[1], cwd=work,
                         env={"WORKPLAN_LOCK_TIMEOUT": "1"})
    took = time.monotonic() - t0
    check("busy lock: gives up with exit 3", code == 3, (code, out, err))
    check("busy lock: says it waits, once", err.count(WAITING) == 1, err)
    check("busy lock: says why it gave up",
          "progress.yaml: error: another import still holds the lock '.progress.yaml.lock' "
          "after 1 s; nothing written" in err.splitlines(), err)
    check("busy lock: waited about the time asked", 0.9 <= took < 30, took)
    check("busy lock: nothing written", read(prog).decode() == PROGRESS)
    code, out, err = run("import", "plan.yaml", "--dry-run", books[1], cwd=work,
                         env={"WORKPLAN_LOCK_TIMEOUT": "1"})
    check("busy lock: a dry run does not wait", code == 0 and WAITING not in err and
          "# would append to progress.yaml:" in out, (code, out, err))
    holder.kill()
    t0 = time.monotonic()
    code, out, err = run("import", "plan.yaml", books[1], cwd=work,
                         env={"WORKPLAN_LOCK_TIMEOUT": "30"})
    check("kill -9'd holder: the next import goes ahead at once",
          code == 0 and WAITING not in err and "1 update appended" in out, (code, out, err))
    check("kill -9'd holder: no wait", time.monotonic() - t0 < 20)

    # a holder that lets go while the import waits: it goes on and appends
    write(prog, PROGRESS)
    holder = Holder(lock)
    p = subprocess.Popen([WP, "import", "plan.yaml", books[2]], cwd=work, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    holder.kill(signal.SIGTERM)
    out, err = p.communicate(timeout=120)
    check("released while waiting: goes on", p.returncode == 0 and "1 update appended" in out,
          (p.returncode, out, err))
    check("released while waiting: said it waited, once", err.count(WAITING) == 1, err)
    check("released while waiting: appended", has_all(read(prog).decode(), [3]))


def test_killed_import(work, books):
    """A real import killed with -9 while it holds the lock never blocks the next."""
    prog = os.path.join(work, "progress.yaml")
    lock = os.path.join(work, ".progress.yaml.lock")
    write(prog, PROGRESS)
    fifo = os.path.join(work, "slow.xlsx")
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)  # opening it blocks: the import waits there, lock held
    p = subprocess.Popen([WP, "import", "plan.yaml", "slow.xlsx"], cwd=work,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    held = False
    for _ in range(200):
        if os.path.exists(lock) and lock_is_held(lock):
            held = True
            break
        time.sleep(0.05)
    check("an import holds the lock while it reads", held)
    p.kill()
    p.wait()
    os.unlink(fifo)
    code, out, err = run("import", "plan.yaml", books[3], cwd=work,
                         env={"WORKPLAN_LOCK_TIMEOUT": "5"})
    check("after kill -9 of an import: the next one goes ahead",
          code == 0 and WAITING not in err and has_all(read(prog).decode(), [4]),
          (code, out, err))


def test_link_mode_owner(work, books):
    """Item 6: the progress file stays what it is (link, mode, owner); a hard link is cut."""
    shared = os.path.join(work, "shared")
    os.makedirs(shared, exist_ok=True)
    target = os.path.join(shared, "progress.yaml")
    write(target, PROGRESS)
    link = os.path.join(work, "linked.yaml")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink("shared/progress.yaml", link)
    code, out, err = run("import", "plan.yaml", "--progress", "linked.yaml", books[4], cwd=work)
    check("symlinked progress: imported", code == 0, (code, out, err))
    check("symlinked progress: still a link", os.path.islink(link))
    check("symlinked progress: the shared target has the update",
          has_all(read(target).decode(), [5]), read(target))
    check("symlinked progress: no file left beside the link",
          sorted(os.listdir(shared)) == [".progress.yaml.lock", "progress.yaml"],
          os.listdir(shared))
    check("symlinked progress: the lock is beside the target",
          not os.path.exists(os.path.join(work, ".linked.yaml.lock")))

    prog = os.path.join(work, "mode.yaml")
    write(prog, PROGRESS)
    os.chmod(prog, 0o640)
    code, out, err = run("import", "plan.yaml", "--progress", "mode.yaml", books[5], cwd=work)
    st = os.stat(prog)
    check("mode 0640: imported", code == 0 and has_all(read(prog).decode(), [6]), err)
    check("mode 0640: kept", st.st_mode & 0o7777 == 0o640, oct(st.st_mode))

    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        group = grp.getgrnam("nogroup").gr_gid
        write(prog, PROGRESS)
        os.chown(prog, nobody.pw_uid, group)
        os.chmod(prog, 0o640)
        code, out, err = run("import", "plan.yaml", "--progress", "mode.yaml", books[5],
                             cwd=work)
        st = os.stat(prog)
        check("owned by nobody: imported", code == 0 and has_all(read(prog).decode(), [6]), err)
        check("owned by nobody: owner and group kept",
              (st.st_uid, st.st_gid) == (nobody.pw_uid, group), (st.st_uid, st.st_gid))
        check("owned by nobody: mode kept", st.st_mode & 0o7777 == 0o640, oct(st.st_mode))
    else:
        print("NOTE owner test not run: it needs root (CI runs as root)")

    # documented (docs/round-trip.md): a hard link keeps the old content, as with git
    prog = os.path.join(work, "hard.yaml")
    other = os.path.join(work, "hard-other.yaml")
    for f in (prog, other):
        if os.path.exists(f):
            os.unlink(f)
    write(prog, PROGRESS)
    os.link(prog, other)
    code, out, err = run("import", "plan.yaml", "--progress", "hard.yaml", books[6], cwd=work)
    check("hard link: imported", code == 0 and has_all(read(prog).decode(), [7]), err)
    check("hard link: the other name keeps the old content", read(other).decode() == PROGRESS)


def test_progress_is_a_workbook(work, books):
    """The progress file must not be one of the WORKBOOK arguments, by any path."""
    src = os.path.join(work, books[0])
    for name, progress, book in [
            ("same path", "w.xlsx", "w.xlsx"),
            ("dot-dot path", "./sub/../w.xlsx", "w.xlsx"),
            ("symlink", "wlink.xlsx", "w.xlsx")]:
        shutil.copy(src, os.path.join(work, "w.xlsx"))
        os.makedirs(os.path.join(work, "sub"), exist_ok=True)
        if os.path.lexists(os.path.join(work, "wlink.xlsx")):
            os.unlink(os.path.join(work, "wlink.xlsx"))
        os.symlink("w.xlsx", os.path.join(work, "wlink.xlsx"))
        before = read(os.path.join(work, "w.xlsx"))
        code, out, err = run("import", "plan.yaml", "--progress", progress, book, cwd=work)
        check(f"progress is a workbook ({name}): exit 2", code == 2, (code, out, err))
        check(f"progress is a workbook ({name}): workbook untouched",
              read(os.path.join(work, "w.xlsx")) == before)


def test_source_date_epoch(work, books):
    prog = os.path.join(work, "progress.yaml")
    write(prog, PROGRESS)
    for bad in ("yesterday", "-5", "1e9"):
        code, out, err = run("import", "plan.yaml", books[0], cwd=work,
                             env={"SOURCE_DATE_EPOCH": bad})
        check(f"SOURCE_DATE_EPOCH={bad}: exit 2", code == 2, (code, out, err))
        check(f"SOURCE_DATE_EPOCH={bad}: says so",
              f"workplan: error: SOURCE_DATE_EPOCH '{bad}' is not a number of seconds" in err,
              err)
        check(f"SOURCE_DATE_EPOCH={bad}: nothing written", read(prog).decode() == PROGRESS)
    for bad in ("soon", "-1", "86401"):
        code, out, err = run("import", "plan.yaml", books[0], cwd=work,
                             env={"WORKPLAN_LOCK_TIMEOUT": bad})
        check(f"WORKPLAN_LOCK_TIMEOUT={bad}: exit 2", code == 2 and
              f"WORKPLAN_LOCK_TIMEOUT '{bad}' is not a number of seconds" in err, (code, err))


def main():
    work = tempfile.mkdtemp(prefix="wp-rel-import-")
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        write(os.path.join(work, "progress.yaml"), PROGRESS)
        books = make_books(work)
        test_source_date_epoch(work, books)
        test_progress_is_a_workbook(work, books)
        test_busy_and_crashed_holders(work, books)
        test_killed_import(work, books)
        test_link_mode_owner(work, books)
        for n in (4, 8):
            t0 = time.monotonic()
            test_concurrent(work, books, n)
            print(f"  {n} concurrent x {ROUNDS}: {time.monotonic() - t0:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"reliability-import: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
