"""Issue 10 item 6 for import: appending to a progress file that is a
symbolic link writes the link's target (the link stays a link) and keeps the
file's mode, owner and group, leaving no temporary file.

    python3 tests/reliability/outputs-import-progress.py WORKPLAN
"""
import datetime
import os
import shutil
import stat
import subprocess
import sys
import tempfile

import openpyxl

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


def run(*args, cwd):
    p = subprocess.run([W, *args], cwd=cwd, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    tmp = tempfile.mkdtemp(prefix="wp-import-progress-")
    try:
        os.mkdir(os.path.join(tmp, "plan"))
        os.mkdir(os.path.join(tmp, "shared"))
        shutil.copy(os.path.join(ROOT, "plan", "workplan.yaml"), os.path.join(tmp, "plan"))
        real = os.path.join(tmp, "shared", "progress.yaml")
        shutil.copy(os.path.join(ROOT, "plan", "progress.yaml"), real)
        os.chmod(real, 0o640)
        if os.getuid() == 0:
            os.chown(real, 1234, 2345)
        link = os.path.join(tmp, "plan", "progress.yaml")
        os.symlink("../shared/progress.yaml", link)
        before = open(real, "rb").read()
        attrs = os.stat(real)

        code, out, err = run("xlsx", "plan/workplan.yaml", "--member", "PE", "-o", "PE.xlsx", cwd=tmp)
        check(code == 0, "export: %s" % err)
        wb = openpyxl.load_workbook(os.path.join(tmp, "PE.xlsx"))
        ws = wb.worksheets[1]  # the Tracker
        ws["I2"].value = 37 if ws["I2"].value != 37 else 38
        ws["J2"].value = datetime.date(2024, 12, 1)
        wb.save(os.path.join(tmp, "PE.xlsx"))

        code, out, err = run("import", "plan/workplan.yaml", "PE.xlsx", cwd=tmp)
        check(code == 0, "import: exit %d\n%s%s" % (code, out, err))
        check("1 update appended" in out, "import output: %s" % out)
        check(os.path.islink(link), "the progress link became a regular file")
        after = open(real, "rb").read()
        check(after.startswith(before) and len(after) > len(before),
              "the link's target did not get the update")
        now = os.stat(real)
        check(stat.S_IMODE(now.st_mode) == 0o640, "mode %o, expected 640" % stat.S_IMODE(now.st_mode))
        check((now.st_uid, now.st_gid) == (attrs.st_uid, attrs.st_gid),
              "owner %d:%d, expected %d:%d" % (now.st_uid, now.st_gid, attrs.st_uid, attrs.st_gid))
        check([n for n in os.listdir(os.path.join(tmp, "shared"))
               if n.startswith(".") and n != ".progress.yaml.lock"] == [],  # import's lock file stays
              "a temporary file was left beside the progress file")
    finally:
        shutil.rmtree(tmp)
    print("outputs-import-progress: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


main()
