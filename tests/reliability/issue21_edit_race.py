#!/usr/bin/python3
"""Issue 21 item 1: an editor saving progress.yaml in place (truncate, then
write in pieces) while an import runs never loses data. Each round, a writer
rewrites the file with a hand edit while an import appends one update; after
both, the hand edit and every earlier update are there, and the import's update
too (exit 0) or the import refused with exit 3 and wrote nothing.

    tests/reliability/issue21_edit_race.py WORKPLAN   (RACE_ROUNDS, default 20)"""
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time

from issue21_lib import (PLAN, PROGRESS, WP, check, finish, make_books, read, write)

ROUNDS = int(os.environ.get("RACE_ROUNDS", "20"))


def editor_save(path, text, delay, when, pieces=12, pause=0.006):
    """An editor or shell saving in place: truncate, then write piece by piece."""
    time.sleep(delay)
    when.append(time.monotonic())
    data = text.encode()
    step = (len(data) + pieces - 1) // pieces
    with open(path, "r+b") as f:
        f.truncate(0)
        f.flush()
        os.fsync(f.fileno())
        for i in range(0, len(data), step):
            f.write(data[i:i + step])
            f.flush()
            time.sleep(pause)


def main():
    work = tempfile.mkdtemp(prefix="wp-edit-race-")
    rng = random.Random(21)
    lost, bad = [], []
    outcomes = {"appended": 0, "refused": 0}
    late = 0
    t0 = time.monotonic()
    try:
        write(os.path.join(work, "plan.yaml"), PLAN)
        write(os.path.join(work, "progress.yaml"), PROGRESS)
        books = make_books(work)
        prog = os.path.join(work, "progress.yaml")
        # how long one import takes here: the editor saves within its first half
        t = time.monotonic()
        subprocess.run([WP, "import", "plan.yaml", "--dry-run", "book2.xlsx"], cwd=work,
                       capture_output=True, timeout=120)
        span = (time.monotonic() - t) / 2
        for rnd in range(ROUNDS):
            write(prog, PROGRESS)
            k = 2 + rnd % 7
            hand = PROGRESS.replace("# kept by hand", "# edited by hand") + \
                "".join(f"# hand edit {rnd}, line {i}: the editor's own words\n"
                        for i in range(12))
            # the editor saves before, during or after the import's read and write
            when = []
            writer = threading.Thread(target=editor_save,
                                      args=(prog, hand, rng.uniform(0.0, span), when))
            writer.start()
            p = subprocess.run([WP, "import", "plan.yaml", f"book{k}.xlsx"], cwd=work,
                               capture_output=True, text=True, timeout=120)
            ended = time.monotonic()
            writer.join()
            if when[0] > ended:
                late += 1  # saved after the import: the editor's file wins, as it should
                check(f"round {rnd}: a save after the import is kept", read(prog) == hand)
                continue
            text = read(prog)
            if p.returncode == 0:
                outcomes["appended"] += 1
                want = text.startswith(hand) and f'note: "report {k}"' in text and \
                    text.count("- activity:") == 2
            elif p.returncode == 3:
                outcomes["refused"] += 1
                want = text == hand and "nothing written" in p.stderr
            else:
                want = False
                bad.append((rnd, p.returncode, p.stdout, p.stderr))
            if not want:
                lost.append((rnd, p.returncode, p.stdout, p.stderr, text))
        check(f"edit race x {ROUNDS}: exit 0 or 3 only", not bad, bad[:2])
        check(f"edit race x {ROUNDS}: hand edit and every update kept", not lost, lost[:2])
        check(f"edit race x {ROUNDS}: most imports went through",
              outcomes["appended"] >= ROUNDS // 2, outcomes)
        check(f"edit race x {ROUNDS}: the saves overlapped the imports", late <= ROUNDS // 4,
              late)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"  edit race: {outcomes}, {time.monotonic() - t0:.1f} s")
    finish("issue21_edit_race")


if __name__ == "__main__":
    main()
