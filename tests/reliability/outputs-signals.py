"""Issue 10 item 20: SIGTERM, SIGINT or SIGHUP during a write removes the
temporary file (named .workplan-tmp.NAME.XXXXXX so a person knows what it
is), leaves the earlier output as it was, and the process dies of the signal.
A generated plan large enough that the write lasts is used (build/tools/gen_plan).

    python3 tests/reliability/outputs-signals.py WORKPLAN
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

W = os.path.realpath(sys.argv[1])
ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
env = dict(os.environ, SOURCE_DATE_EPOCH="1735689600")
env.setdefault("LSAN_OPTIONS", "suppressions=%s/tests/lsan.supp:print_suppressions=0" % ROOT)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def gen_plan(path, n):
    for tool in ("build/san/tools/gen_plan", "build/tools/gen_plan"):
        exe = os.path.join(ROOT, tool)
        if os.access(exe, os.X_OK):
            with open(path, "w") as f:
                subprocess.run([exe, str(n)], stdout=f, check=True)
            return
    subprocess.run(["make", "-C", ROOT, "--no-print-directory", "build/tools/gen_plan"],
                   check=True, stdout=subprocess.DEVNULL)
    gen_plan(path, n)


def temps(folder):
    return [n for n in os.listdir(folder) if n.startswith(".")]


def interrupt(tmp, plan, kind, sig):
    folder = os.path.join(tmp, "out-%s-%d" % (kind, sig))
    os.mkdir(folder)
    out = os.path.join(folder, "booklet." + kind)
    with open(out, "w") as f:
        f.write("earlier output\n")
    p = subprocess.Popen([W, kind, plan, "-o", out, "--progress", "none"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = []
    deadline = time.time() + 60
    while time.time() < deadline and p.poll() is None:
        seen = temps(folder)
        if seen:
            break
        time.sleep(0.005)
    name = "%s SIG%s" % (kind, signal.Signals(sig).name[3:])
    check(bool(seen), "%s: no temporary file appeared while writing" % name)
    if seen:
        check(seen[0].startswith(".workplan-tmp.booklet.%s." % kind),
              "%s: temporary named %r, expected .workplan-tmp.booklet.%s.XXXXXX" % (name, seen[0], kind))
    time.sleep(0.05)  # well inside the work
    p.send_signal(sig)
    rc = p.wait(timeout=120)
    check(rc == -sig, "%s: exit %s, expected death by the signal (%d)" % (name, rc, -sig))
    check(temps(folder) == [], "%s: left %s" % (name, temps(folder)))
    with open(out, "rb") as f:
        check(f.read() == b"earlier output\n", "%s: the earlier output changed" % name)


def main():
    tmp = tempfile.mkdtemp(prefix="wp-signals-")
    try:
        plan = os.path.join(tmp, "big.yaml")
        gen_plan(plan, 3000)
        for kind in ("pdf", "xlsx"):
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                interrupt(tmp, plan, kind, sig)
        # an ignored signal stays ignored (nohup): the run completes
        folder = os.path.join(tmp, "nohup")
        os.mkdir(folder)
        out = os.path.join(folder, "x.pdf")
        p = subprocess.Popen([W, "pdf", plan, "-o", out, "--progress", "none"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
        time.sleep(0.2)
        p.send_signal(signal.SIGHUP)
        check(p.wait(timeout=120) == 0, "nohup: an ignored SIGHUP stopped the run")
        check(os.path.getsize(out) > 100000 and temps(folder) == [], "nohup: output not whole")
    finally:
        shutil.rmtree(tmp)
    print("outputs-signals: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


main()
