#!/usr/bin/python3
"""End-to-end checks of `workplan import`.

    tests/e2e/import_check.py build/workplan

Builds tracking workbooks with the real exporter (`workplan xlsx`; an export
that fails fails the test), changes them as a person would (openpyxl, and one
re-saved by LibreOffice headless: a re-save that fails fails too), imports them
and asserts the progress file's bytes, the summary lines, the exact
refusals with their cells, idempotence, and that hostile files are refused
cleanly. Prints `import: N passed, M failed` last; exits 1 on any failure.
"""
import datetime
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

WORKPLAN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/workplan")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = 0
failed = 0
skipped = []


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f"\n{detail}" if detail else ""), file=sys.stderr)


def run(*args, cwd=None, day=None):
    """day: the day of the import (SOURCE_DATE_EPOCH), a datetime.date."""
    env = dict(os.environ)
    if day:
        env["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime.combine(
            day, datetime.time(12), datetime.timezone.utc).timestamp()))
    p = subprocess.run([WORKPLAN, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                       env=env)
    return p.returncode, p.stdout, p.stderr


# ---- a plan that is not the example: two parties, three countries -------------

PLAN = """\
format: workplan/1
plan:
  id: test-plan
  title: {en: Test plan, es: Plan de prueba}
  parties: [PA, XB]
  period: {from: 2021, to: 2025}
  adopted: 2021-11-24
  version: "2.0"
  languages: [en, es]
parties:
  PA:
    name: {en: Pacific Alliance, es: Alianza del Pacífico}
    members: [CL, PE]
  XB:
    name: Other Bloc
    members: [VN]
countries:
  CL: Chile
  PE: {en: Peru, es: Perú}
  VN: Viet Nam
areas:
  - id: ECO
    title: {en: Economy, es: Economía}
    activities:
      - id: ECO-01
        title: {en: Trade workshops, es: Talleres de comercio}
        lead: [PE]
        partners: [XB]
        start: 2022-Q1
        end: 2023-Q4
      - id: ECO-02
        title: Investment study
        lead: [PA]
        start: 2022
        end: 2024-H1
      - id: ECO-03
        title: Customs exchange
        lead: [CL]
        partners: [PE, VN]
        start: 2023-03
        end: 2025
  - id: SOC
    title: {en: Society, es: Sociedad}
    activities:
      - id: SOC-01
        title: Scholarships
        lead: [PE, VN]
        start: 2022-Q3
        end: 2025-Q4
        status: ongoing
        progress: 10
"""

PROGRESS = """\
# kept by hand; comments must survive
format: workplan-progress/1
plan: test-plan
updates:
  # first report
  - activity: SOC-01
    date: 2023-02-01
    status: ongoing
    progress: 20
    reported_by: VN
    note: First cohort selected.
"""

def has_verb(verb):
    code, out, err = run(verb, "--help")
    return code == 0


def make_workbook(work, member, name, progress="progress.yaml", plan="plan.yaml"):
    path = os.path.join(work, name)
    code, out, err = run("xlsx", plan, "--progress", progress, "--member", member, "-o", name,
                         cwd=work)
    check(f"export {name}", code == 0 and os.path.exists(path), err)
    return path


def row_of(ws, aid):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == aid:
            return r
    raise KeyError(aid)


def edit(path, changes, meta=None, extra_rows=()):
    """changes: {(id, column letter): value}; meta: {cell: value}; extra_rows: lists."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Tracker"] if "Tracker" in wb.sheetnames else wb.worksheets[0]
    for (aid, col), value in changes.items():
        cell = ws[f"{col}{row_of(ws, aid)}"]
        cell.value = value
        if isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"  # not the exporter's format: found by style
    for row in extra_rows:
        ws.append(row)
    for ref, value in (meta or {}).items():
        wb["_workplan"][ref] = value
    wb.save(path)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def setup(work):
    with open(os.path.join(work, "plan.yaml"), "w") as f:
        f.write(PLAN)
    with open(os.path.join(work, "progress.yaml"), "w") as f:
        f.write(PROGRESS)


def main():
    work = tempfile.mkdtemp(prefix="wp-import-")
    try:
        setup(work)
        test_round(work)
        test_refusals(work)
        test_workbook_refusals(work)
        test_hostile(work)
        test_usage(work)
        test_new_file(work)
        test_1904(work)
        test_odd_progress_files(work)
        test_spanish(work)
        test_libreoffice(work)
        test_real_plan()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for s in skipped:
        print(f"skipped: {s}", file=sys.stderr)
    print(f"import: {passed} passed, {failed} failed")
    return 1 if failed else 0


def test_round(work):
    pe = make_workbook(work, "PE", "PE.xlsx")
    edit(pe, {("ECO-01", "H"): "En curso", ("ECO-01", "I"): 40,
              ("ECO-01", "J"): datetime.date(2024, 5, 1),
              ("ECO-01", "L"): 'Two "workshops" held\nin Lima; 50% done \\ more: yes',
              ("ECO-02", "H"): "completed", ("ECO-02", "I"): "100%",
              ("ECO-02", "J"): "2024-06-30", ("ECO-02", "K"): "CL"})
    vn = make_workbook(work, "VN", "VN.xlsx")  # exported now, returned after PE's report
    before = read(os.path.join(work, "progress.yaml"))

    code, out, err = run("import", "plan.yaml", "--dry-run", "PE.xlsx", cwd=work)
    check("dry-run exit", code == 0, err)
    check("dry-run leaves the file", read(os.path.join(work, "progress.yaml")) == before)
    check("dry-run shows the items", "# would append to progress.yaml:\n  - activity: ECO-01\n"
          in out, out)

    code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work)
    check("import exit 0", code == 0, f"exit {code}\n{out}\n{err}")
    check("summary line", out.splitlines()[0] ==
          "PE.xlsx: 2 updates taken, 2 rows unchanged, 0 rows refused", out)
    check("appended line", "progress.yaml: 2 updates appended" in out, out)
    check("no diagnostics", err == "", err)
    want = before + (
        "  - activity: ECO-01\n"
        "    date: 2024-05-01\n"
        "    status: ongoing\n"
        "    progress: 40\n"
        "    reported_by: PE\n"
        "    note: \"Two \\\"workshops\\\" held\\nin Lima; 50% done \\\\ more: yes\"\n"
        "  - activity: ECO-02\n"
        "    date: 2024-06-30\n"
        "    status: completed\n"
        "    progress: 100\n"
        "    reported_by: CL\n").encode()
    got = read(os.path.join(work, "progress.yaml"))
    check("progress bytes: old kept, updates appended", got == want,
          got.decode(errors="replace"))
    if has_verb("check"):
        code, out, err = run("check", "plan.yaml", "--progress", "progress.yaml", cwd=work)
        check("result passes check", code == 0, err)

    code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work)
    check("second import exit 0", code == 0, err)
    check("second import takes nothing", out.splitlines()[0] ==
          "PE.xlsx: 0 updates taken, 4 rows unchanged, 0 rows refused", out)
    check("second import leaves the file", read(os.path.join(work, "progress.yaml")) == want)

    # an older workbook of another member, untouched: it only shows the past
    code, out, err = run("import", "plan.yaml", "VN.xlsx", cwd=work)
    check("untouched old workbook exit", code == 0, err)
    check("untouched old workbook summary", out.splitlines()[0] ==
          "VN.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused", out)
    check("untouched old workbook is quiet", err == "", err)
    # ... a change made in it without a new date is taken as of the day of the import, and
    # its untouched cells (progress 0, as exported) do not undo PE's newer report
    edit(vn, {("ECO-01", "H"): "Delayed"})
    code, out, err = run("import", "plan.yaml", "VN.xlsx", cwd=work,
                         day=datetime.date(2025, 12, 15))
    check("undated change exit 0", code == 0, err)
    check("undated change summary", out.splitlines()[0] ==
          "VN.xlsx: 1 update taken, 2 rows unchanged, 0 rows refused", out)
    check("undated change warning", err ==
          "VN.xlsx:Tracker!J2: warning: 'ECO-01' was changed but its last update date was not; "
          "taken as of 2025-12-15, the day of the import\nimport: 0 errors, 1 warning\n", err)
    want += ("  - activity: ECO-01\n    date: 2025-12-15\n    status: delayed\n"
             "    reported_by: VN\n").encode()
    check("undated change bytes", read(os.path.join(work, "progress.yaml")) == want,
          read(os.path.join(work, "progress.yaml")).decode())
    # on another day, the same workbook adds nothing
    code, out, err = run("import", "plan.yaml", "VN.xlsx", cwd=work, day=datetime.date(2025, 12, 20))
    check("undated change re-import", out.splitlines()[0] ==
          "VN.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused" and err == "", out + err)
    check("undated change re-import leaves the file",
          read(os.path.join(work, "progress.yaml")) == want)


def test_refusals(work):
    bad = make_workbook(work, "PE", "bad.xlsx")
    wb = openpyxl.load_workbook(bad)
    ws = wb["Tracker"]
    r = {aid: row_of(ws, aid) for aid in ("ECO-01", "ECO-02", "ECO-03", "SOC-01")}
    dup = [ws.cell(r["ECO-03"], c).value for c in range(1, 13)]
    unknown = list(dup)
    unknown[0] = "ECO-99"
    wb.close()
    edit(bad, {("ECO-01", "H"): "Hecho", ("ECO-01", "J"): datetime.date(2024, 1, 1),
               ("ECO-02", "I"): 150, ("ECO-02", "J"): datetime.date(2024, 1, 1),
               ("ECO-03", "C"): "Customs exchange (renamed)", ("ECO-03", "H"): "Delayed",
               ("ECO-03", "J"): datetime.date(2024, 1, 1),
               ("SOC-01", "H"): "Completada", ("SOC-01", "J"): datetime.date(2019, 3, 1)},
         extra_rows=[unknown, dup])
    n = max(r.values())
    before = read(os.path.join(work, "progress.yaml"))
    code, out, err = run("import", "plan.yaml", "bad.xlsx", cwd=work)
    check("refusals exit 1", code == 1, f"exit {code}\n{out}\n{err}")
    check("refusals summary", out.splitlines()[0] ==
          "bad.xlsx: 0 updates taken, 0 rows unchanged, 6 rows refused", out)
    want = [
        f"bad.xlsx:Tracker!H{r['ECO-01']}: error: unknown status 'Hecho'",
        f"bad.xlsx:Tracker!I{r['ECO-02']}: error: progress '150' is not a whole number "
        "from 0 to 100",
        f"bad.xlsx:Tracker!J{r['SOC-01']}: error: date '2019-03-01' is before the plan "
        "period starts (2021-01-01)",
        f"bad.xlsx:Tracker!A{n + 1}: error: unknown activity 'ECO-99'; row not imported",
        f"bad.xlsx:Tracker!A{n + 2}: error: activity 'ECO-03' is given twice "
        f"(rows {r['ECO-03']} and {n + 2}); neither row imported",
        "import: 5 errors, 0 warnings",
    ]
    got = err.splitlines()
    check("refusal messages", got == want, "\n".join(got) + "\n---want---\n" + "\n".join(want))
    check("refusing run leaves the file byte-identical",
          read(os.path.join(work, "progress.yaml")) == before)

    # the changed locked title alone (the duplicate hides it above)
    lk = make_workbook(work, "PE", "locked.xlsx")
    edit(lk, {("ECO-03", "C"): "Customs exchange (renamed)", ("ECO-03", "H"): "Delayed",
              ("ECO-03", "J"): datetime.date(2024, 1, 1)})
    code, out, err = run("import", "plan.yaml", "locked.xlsx", cwd=work)
    check("locked exit 1", code == 1, err)
    check("locked message",
          f"locked.xlsx:Tracker!C{r['ECO-03']}: error: locked column 'Title' of 'ECO-03' was "
          "changed; row not imported" in err.splitlines(), err)
    check("locked leaves the file", read(os.path.join(work, "progress.yaml")) == before)

    # a change without a date on an activity never reported: the day of the import, a warning
    nd = make_workbook(work, "PE", "nodate.xlsx")
    edit(nd, {("ECO-03", "H"): "Delayed"})
    code, out, err = run("import", "plan.yaml", "--dry-run", "nodate.xlsx", cwd=work,
                         day=datetime.date(2025, 4, 2))
    check("missing date exit 0", code == 0, err)
    check("missing date warning",
          f"nodate.xlsx:Tracker!J{r['ECO-03']}: warning: 'ECO-03' was changed but its last "
          "update date was not; taken as of 2025-04-02, the day of the import"
          in err.splitlines(), err)
    check("missing date item", "  - activity: ECO-03\n    date: 2025-04-02\n    status: delayed\n"
          in out, out)
    check("missing date dry run leaves the file",
          read(os.path.join(work, "progress.yaml")) == before)

    # one good row and one bad: the good one is written, exit 1
    mix = make_workbook(work, "PE", "mixed.xlsx")
    edit(mix, {("ECO-03", "H"): "retrasada", ("ECO-03", "J"): "2024-02-02",
               ("SOC-01", "I"): 12.5, ("SOC-01", "J"): "2024-02-02"})
    code, out, err = run("import", "plan.yaml", "mixed.xlsx", cwd=work)
    check("mixed exit 1", code == 1, err)
    first = out.splitlines()[0]
    check("mixed summary", first.startswith("mixed.xlsx: 1 update taken, ") and
          ", 1 row refused" in first, out)
    check("mixed message", f"mixed.xlsx:Tracker!I{r['SOC-01']}: error: progress '12.5' is not "
          "a whole number from 0 to 100" in err.splitlines(), err)
    check("mixed writes the good row", read(os.path.join(work, "progress.yaml")) == before + (
        "  - activity: ECO-03\n    date: 2024-02-02\n    status: delayed\n    progress: 0\n"
        "    reported_by: PE\n").encode())


def test_workbook_refusals(work):
    before = read(os.path.join(work, "progress.yaml"))
    with open(os.path.join(work, "other-plan.yaml"), "w") as f:
        f.write(PLAN.replace("id: test-plan", "id: another-plan"))
    other = make_workbook(work, "CL", "other.xlsx", progress="none", plan="other-plan.yaml")
    edit(other, {("ECO-02", "H"): "Ongoing"})
    code, out, err = run("import", "plan.yaml", "other.xlsx", cwd=work)
    check("other plan exit 1", code == 1, err)
    check("other plan summary", out == "other.xlsx: workbook refused\n", out)
    check("other plan message", err.splitlines()[0] ==
          "other.xlsx: error: workbook is for plan 'another-plan', not 'test-plan'", err)

    # a workbook of version 1.0 of the plan, where ECO-02 was called ECO-77
    with open(os.path.join(work, "old-plan.yaml"), "w") as f:
        f.write(PLAN.replace('version: "2.0"', 'version: "1.0"').replace("ECO-02", "ECO-77"))
    old = make_workbook(work, "CL", "old.xlsx", progress="none", plan="old-plan.yaml")
    wb = openpyxl.load_workbook(old)
    ws = wb["Tracker"]
    r = row_of(ws, "ECO-77")
    wb.close()
    edit(old, {("ECO-77", "H"): "Ongoing", ("ECO-77", "J"): datetime.date(2024, 1, 1)})
    code, out, err = run("import", "plan.yaml", "old.xlsx", cwd=work)
    lines = err.splitlines()
    check("old version exit 1", code == 1, err)
    check("old version warning", lines[0] ==
          "old.xlsx: warning: workbook was made from version '1.0' of the plan, which is now "
          "version '2.0'", err)
    check("old version row refused", lines[1] ==
          f"old.xlsx:Tracker!A{r}: error: activity 'ECO-77' no longer exists in the plan; "
          "row not imported", err)
    # a deleted column: the next one moves into its place
    gone = make_workbook(work, "CL", "gone.xlsx")
    wb = openpyxl.load_workbook(gone)
    wb["Tracker"].delete_cols(8)
    wb.save(gone)
    code, out, err = run("import", "plan.yaml", "gone.xlsx", cwd=work)
    check("deleted column exit 1", code == 1, err)
    check("deleted column message", err.splitlines()[0] ==
          "gone.xlsx: error: column 'Status' is missing from sheet 'Tracker'", err)
    # columns moved around and a column added: found by their titles
    moved = make_workbook(work, "CL", "moved.xlsx")
    wb = openpyxl.load_workbook(moved)
    ws = wb["Tracker"]
    r = row_of(ws, "ECO-02")
    ws.insert_cols(1)
    ws["A1"] = "My own column"
    ws.cell(r, 1).value = "anything"
    ws.cell(r, 9).value = "Cancelled"  # Status, now in I
    ws.cell(r, 11).value = datetime.date(2025, 3, 3)  # Last update, now in K
    wb.save(moved)
    code, out, err = run("import", "plan.yaml", "--dry-run", "moved.xlsx", cwd=work)
    check("moved columns exit 0", code == 0, err)
    check("moved columns taken", out.splitlines()[0].startswith("moved.xlsx: 1 update taken,")
          and "  - activity: ECO-02\n    date: 2025-03-03\n    status: cancelled\n" in out,
          out + err)
    check("workbook refusals leave the file", read(os.path.join(work, "progress.yaml")) == before)


def zip_with(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_hostile(work):
    before = read(os.path.join(work, "progress.yaml"))
    good = make_workbook(work, "CL", "base.xlsx")
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}

    # zip bomb: a 100 MiB sheet that deflates to about 100 KiB
    with zipfile.ZipFile(os.path.join(work, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            if n != "xl/worksheets/sheet1.xml":
                z.writestr(n, d)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            chunk = b" " * (1 << 20)
            for _ in range(100):
                f.write(chunk)
    # billion laughs in the shared strings
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10)
                         for i in range(9))
              + b']><sst><si><t>&j;</t></si></sst>')
    lp = dict(parts)
    lp["xl/sharedStrings.xml"] = laughs
    rels = lp["xl/_rels/workbook.xml.rels"]
    if b"/sharedStrings" not in rels:  # openpyxl writes inline strings: point to the part
        lp["xl/_rels/workbook.xml.rels"] = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    zip_with(os.path.join(work, "laughs.xlsx"), lp)
    # an entry that inflates past the size its zip directory declares
    wb_xml = parts["xl/workbook.xml"]
    lp = dict(parts)
    lp["xl/workbook.xml"] = wb_xml + b" " * (2 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in lp.items():
            z.writestr(n, d)
    data = bytearray(buf.getvalue())
    pos = 0
    while (i := data.find(b"PK\x01\x02", pos)) >= 0:
        nlen = struct.unpack("<H", data[i + 28:i + 30])[0]
        if data[i + 46:i + 46 + nlen] == b"xl/workbook.xml":
            struct.pack_into("<I", data, i + 24, len(wb_xml))
            off = struct.unpack("<I", data[i + 42:i + 46])[0]
            struct.pack_into("<I", data, off + 22, len(wb_xml))
        pos = i + 4
    with open(os.path.join(work, "liar.xlsx"), "wb") as f:
        f.write(data)
    # a macro-enabled content type, without the VBA part
    xp = dict(parts)
    xp["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    zip_with(os.path.join(work, "typed.xlsx"), xp)
    # macros
    mp = dict(parts)
    mp["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really"
    zip_with(os.path.join(work, "macro.xlsm"), mp)
    # not a zip, and an encrypted (OLE) workbook
    with open(os.path.join(work, "notes.xlsx"), "w") as f:
        f.write("ID,Status\nECO-01,Ongoing\n")
    with open(os.path.join(work, "secret.xlsx"), "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)

    cases = {
        "bomb.xlsx": None,
        "laughs.xlsx": "laughs.xlsx: error: refused a DOCTYPE declaration in part "
                       "'xl/sharedStrings.xml'",
        "liar.xlsx": "liar.xlsx: error: corrupt zip entry 'xl/workbook.xml' (bad checksum)",
        "typed.xlsx": "typed.xlsx: error: refused macro-enabled workbook (.xlsm); save it as "
                      ".xlsx",
        "macro.xlsm": "macro.xlsm: error: refused workbook with macros (it has "
                      "'xl/vbaProject.bin'); save it as .xlsx",
        "notes.xlsx": "notes.xlsx: error: not an xlsx workbook (not a zip file)",
        "secret.xlsx": "secret.xlsx: error: refused encrypted or legacy (.xls) workbook; "
                       "remove the password and save it as .xlsx",
    }
    for name, msg in cases.items():
        code, out, err = run("import", "plan.yaml", name, cwd=work)
        check(f"{name} exit 1", code == 1, f"exit {code}\n{err}")
        check(f"{name} summary", out == f"{name}: workbook refused\n", out)
        first = err.splitlines()[0] if err else ""
        if msg:
            check(f"{name} message", first == msg, err)
        else:
            # the 100 MiB sheet and the workbook's other parts
            total = (100 << 20) + sum(len(d) for n, d in parts.items()
                                      if n != "xl/worksheets/sheet1.xml")
            check(f"{name} message", first == f"{name}: error: refused workbook: it unpacks to "
                  f"{total / (1 << 20):.1f} MiB, over the limit of 64 MiB", err)
    check("hostile files leave the file", read(os.path.join(work, "progress.yaml")) == before)


def test_usage(work):
    before = read(os.path.join(work, "progress.yaml"))
    for args, msg in [(["plan.yaml"], "workplan: missing WORKBOOK argument"),
                      (["plan.yaml", "--progress", "none", "x.xlsx"],
                       "workplan: '--progress none' leaves nowhere to write"),
                      (["plan.yaml", "--bogus", "x.xlsx"],
                       "workplan: unknown option '--bogus' for 'import'")]:
        code, out, err = run("import", *args, cwd=work)
        check(f"usage {args} exit 2", code == 2, err)
        check(f"usage {args} message", err.splitlines()[0] == msg if err else False, err)
    # an unreadable workbook among good ones: the good rows are written, exit 3
    ok = make_workbook(work, "PE", "ok.xlsx")
    edit(ok, {("SOC-01", "L"): "Second cohort", ("SOC-01", "J"): datetime.date(2025, 2, 1)})
    code, out, err = run("import", "plan.yaml", "missing.xlsx", "ok.xlsx", cwd=work)
    check("missing workbook exit 3", code == 3, err)
    check("missing workbook lines", out.splitlines()[:2] == [
        "missing.xlsx: not read", "ok.xlsx: 1 update taken, 3 rows unchanged, 0 rows refused"],
        out)
    check("missing workbook message", err.splitlines()[0] ==
          "missing.xlsx: error: cannot open file: No such file or directory", err)
    got = read(os.path.join(work, "progress.yaml"))
    check("good workbook written beside a missing one", got.startswith(before) and
          got[len(before):].decode().startswith("  - activity: SOC-01\n    date: 2025-02-01\n"),
          got.decode())


def test_new_file(work):
    cl = make_workbook(work, "CL", "CL.xlsx", progress="none")
    edit(cl, {("ECO-02", "H"): "Delayed", ("ECO-02", "J"): datetime.date(2022, 9, 30),
              ("ECO-02", "L"): "Waiting for\tdata – ‘Perú’"})
    fresh = os.path.join(work, "fresh.yaml")
    code, out, err = run("import", "plan.yaml", "--progress", "fresh.yaml", "CL.xlsx", cwd=work)
    check("new file exit 0", code == 0, err)
    check("new file content", read(fresh) == (
        "format: workplan-progress/1\nplan: test-plan\nupdates:\n"
        "  - activity: ECO-02\n    date: 2022-09-30\n    status: delayed\n    progress: 0\n"
        "    reported_by: CL\n    note: \"Waiting for\\tdata – ‘Perú’\"\n").encode(),
        read(fresh).decode(errors="replace"))


def test_spanish(work):
    """A Spanish workbook: localised sheet and titles, Spanish words back."""
    code, out, err = run("xlsx", "plan.yaml", "--progress", "progress.yaml", "--member", "CL",
                         "--lang", "es", "-o", "CL-es.xlsx", cwd=work)
    check("Spanish export", code == 0, err)
    wb = openpyxl.load_workbook(os.path.join(work, "CL-es.xlsx"))
    check("Spanish sheet", "Seguimiento" in wb.sheetnames, str(wb.sheetnames))
    ws = wb["Seguimiento"]
    r = row_of(ws, "ECO-03")
    ws.cell(r, 8).value = "Completadísima"
    ws.cell(r, 10).value = datetime.date(2025, 10, 1)
    wb.save(os.path.join(work, "CL-es.xlsx"))
    code, out, err = run("import", "plan.yaml", "--dry-run", "CL-es.xlsx", cwd=work)
    check("Spanish refusal names the Spanish sheet",
          f"CL-es.xlsx:Seguimiento!H{r}: error: unknown status 'Completadísima'"
          in err.splitlines(), err)
    wb = openpyxl.load_workbook(os.path.join(work, "CL-es.xlsx"))
    wb["Seguimiento"].cell(r, 8).value = "Completada"
    wb["Seguimiento"].cell(r, 9).value = 100
    wb.save(os.path.join(work, "CL-es.xlsx"))
    code, out, err = run("import", "plan.yaml", "--dry-run", "CL-es.xlsx", cwd=work)
    check("Spanish import exit 0", code == 0, err)
    check("Spanish words read", "  - activity: ECO-03\n    date: 2025-10-01\n    status: completed\n"
          "    progress: 100\n    reported_by: CL\n" in out, out + err)


def test_odd_progress_files(work):
    """Progress files edited by hand: appended to when YAML allows, else left alone."""
    cl = make_workbook(work, "CL", "odd.xlsx", progress="none")
    edit(cl, {("ECO-02", "H"): "Ongoing", ("ECO-02", "J"): datetime.date(2022, 5, 5)})
    item = ("- activity: ECO-02\n  date: 2022-05-05\n  status: ongoing\n  progress: 0\n"
            "  reported_by: CL\n")
    cases = [
        # (name, text, expected appended text or None when refused)
        ("noeol.yaml", "format: workplan-progress/1\nplan: test-plan\nupdates:\n"
         "- activity: SOC-01\n  date: 2023-02-01\n  status: ongoing  # no newline at end",
         "\n" + item),
        ("empty.yaml", "format: workplan-progress/1\nplan: test-plan\nupdates:\n",
         "".join("  " + line + "\n" for line in item.splitlines())),
        # an empty flow list, as typed by hand (issue 21): the items replace the brackets
        ("flow.yaml", "format: workplan-progress/1\nplan: test-plan\nupdates: []\n",
         lambda text: text.replace("updates: []\n", "updates:\n" + "".join(
             "  " + line + "\n" for line in item.splitlines()))),
        ("flow1.yaml", "format: workplan-progress/1\nplan: test-plan\n"
         "updates: [{activity: SOC-01, date: 2023-02-01, status: ongoing}]\n", None),
        # updates: before another key: the items go at its end, the key stays whole
        ("notlast.yaml", "format: workplan-progress/1\nupdates:\n  - activity: SOC-01\n"
         "    date: 2023-02-01\nplan: test-plan\n",
         lambda text: text.replace("plan: test-plan\n", "".join(
             "  " + line + "\n" for line in item.splitlines()) + "plan: test-plan\n")),
    ]
    for name, text, appended in cases:
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
        code, out, err = run("import", "plan.yaml", "--progress", name, "odd.xlsx", cwd=work)
        got = read(os.path.join(work, name)).decode()
        if appended is None:
            check(f"{name} refused", code == 1, out + err)
            check(f"{name} untouched", got == text, got)
            check(f"{name} says why", f"{name}: error: cannot append updates: the result would "
                  "not load as a valid progress file (is 'updates:' a block list?); nothing "
                  "written" in err.splitlines(), err)
        else:
            check(f"{name} exit 0", code == 0, out + err)
            check(f"{name} appended",
                  got == (appended(text) if callable(appended) else text + appended), got)


def test_1904(work):
    """A workbook saved in the 1904 date system (old Mac Excel): same days."""
    wbk = make_workbook(work, "CL", "mac.xlsx")
    wb = openpyxl.load_workbook(wbk)
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb["Tracker"]
    r = row_of(ws, "ECO-03")
    ws.cell(r, 8).value = "Completed"
    ws.cell(r, 9).value = 100
    ws.cell(r, 10).value = datetime.date(2025, 11, 30)
    wb.save(wbk)
    with zipfile.ZipFile(wbk) as z:
        check("1904 flag written", b'date1904="1"' in z.read("xl/workbook.xml"))
    code, out, err = run("import", "plan.yaml", "--dry-run", "mac.xlsx", cwd=work)
    check("1904 exit 0", code == 0, err)
    check("1904 dates read", "  - activity: ECO-03\n    date: 2025-11-30\n    status: completed\n"
          "    progress: 100\n" in out, out + err)


def soffice_resave(src, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        p = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "xlsx", "--outdir", outdir, src],
                           capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = os.path.join(outdir, os.path.basename(src))
    return out if p.returncode == 0 and os.path.exists(out) else None


def test_libreoffice(work):
    vn = make_workbook(work, "VN", "VN-lo.xlsx")
    edit(vn, {("ECO-03", "H"): "Ongoing", ("ECO-03", "I"): 35,
              ("ECO-03", "J"): datetime.date(2024, 3, 15), ("ECO-03", "L"): "Per\u00fa & Viet Nam"})
    outdir = os.path.join(work, "lo")
    os.makedirs(outdir)
    resaved = soffice_resave(vn, outdir)
    check("LibreOffice re-save", resaved is not None, "soffice missing or failed")
    if not resaved:
        return
    with zipfile.ZipFile(resaved) as z:
        check("LibreOffice wrote shared strings", "xl/sharedStrings.xml" in z.namelist())
    before = read(os.path.join(work, "progress.yaml"))
    code, out, err = run("import", "plan.yaml", "lo/VN-lo.xlsx", cwd=work)
    check("LibreOffice import exit 0", code == 0, f"{out}\n{err}")
    check("LibreOffice summary", out.splitlines()[0].startswith(
        "lo/VN-lo.xlsx: 1 update taken,"), out)
    check("LibreOffice bytes", read(os.path.join(work, "progress.yaml")) == before + (
        "  - activity: ECO-03\n    date: 2024-03-15\n    status: ongoing\n    progress: 35\n"
        "    reported_by: VN\n    note: \"Perú & Viet Nam\"\n").encode(),
        read(os.path.join(work, "progress.yaml")).decode())


def test_real_plan():
    """The real plan: export per member, change, import, and the next outputs show it."""
    plan = os.path.join(ROOT, "plan", "workplan.yaml")
    if not (os.path.exists(plan) and has_verb("build") and has_verb("xlsx")):
        check("real plan round trip", False,
              "needs plan/workplan.yaml and the build and xlsx verbs")
        return
    work = tempfile.mkdtemp(prefix="wp-real-")
    try:
        shutil.copy(plan, os.path.join(work, "workplan.yaml"))
        prog = os.path.join(ROOT, "plan", "progress.yaml")
        if os.path.exists(prog):
            shutil.copy(prog, os.path.join(work, "progress.yaml"))
        code, out, err = run("build", "workplan.yaml", "-d", "out", "--members", cwd=work)
        check("real build", code == 0, err)
        books = sorted(f for f in os.listdir(os.path.join(work, "out"))
                       if f.endswith(".xlsx") and f.count(".") == 2
                       and f.split(".")[1].isupper())
        check("member workbooks exist", len(books) >= 2, str(books))
        edited = {}
        for i, book in enumerate(books[:2]):
            path = os.path.join(work, "out", book)
            wb = openpyxl.load_workbook(path)
            trk = [ws for ws in wb.worksheets if ws.sheet_state == "visible"
                   and ws.cell(1, 1).value == "ID"]
            if not trk or trk[0].max_row < 2 + i:
                continue
            ws = trk[0]
            aid = ws.cell(2 + i, 1).value  # a different activity in each workbook
            wb.close()
            edit_sheet(path, ws.title, aid, book)
            edited[aid] = book
        rel = [os.path.join("out", b) for b in books]
        code, out, err = run("import", "workplan.yaml", *rel, cwd=work)
        check("real import exit 0", code == 0, f"{out}\n{err}")
        code, out, err = run("xlsx", "workplan.yaml", "-o", "next.xlsx", cwd=work)
        check("next export", code == 0, err)
        wb = openpyxl.load_workbook(os.path.join(work, "next.xlsx"))
        ws = [w for w in wb.worksheets if w.cell(1, 1).value == "ID"][0]
        for aid, book in edited.items():
            r = row_of(ws, aid)
            check(f"next workbook shows {aid} delayed", ws.cell(r, 8).value == "Delayed",
                  str(ws.cell(r, 8).value))
            check(f"next workbook shows {aid} progress", ws.cell(r, 9).value == 55)
            check(f"next workbook shows {aid} note",
                  ws.cell(r, 12).value == f"Reported through {book}")
        if has_verb("pdf") and shutil.which("pdftotext"):
            code, out, err = run("pdf", "workplan.yaml", "-o", "next.pdf", cwd=work)
            check("next booklet", code == 0, err)
            text = subprocess.run(["pdftotext", os.path.join(work, "next.pdf"), "-"],
                                  capture_output=True, text=True).stdout
            for aid, book in edited.items():
                check(f"next booklet shows the note of {aid}", f"Reported through {book}" in
                      " ".join(text.split()), "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def edit_sheet(path, sheet, aid, book):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    r = row_of(ws, aid)
    ws.cell(r, 8).value = "Retrasada"
    ws.cell(r, 9).value = 55
    ws.cell(r, 10).value = datetime.date(2025, 6, 30)
    ws.cell(r, 12).value = f"Reported through {book}"
    wb.save(path)


if __name__ == "__main__":
    sys.exit(main())
