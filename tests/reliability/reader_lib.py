"""Shared helpers of the reader_*/clients_* reliability scripts (issue 10).

Each script is run as `python3 SCRIPT WORKPLAN` by tests/suites/reliability-reader.sh,
works in a temporary folder of its own, calls check() for every assertion and ends
with done(), which prints `NAME: N passed, M failed` and exits 1 on any failure.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

WORKPLAN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/workplan")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NAME = os.path.splitext(os.path.basename(sys.argv[0]))[0]
_passed = 0
_failed = 0

PLAN = """\
format: workplan/1
plan:
  id: rel-plan
  title: {en: Reliability plan, es: Plan de fiabilidad}
  parties: [PA]
  period: {from: 2021, to: 2030}
  adopted: 2021-11-24
  version: "1.0"
  languages: [en, es]
parties:
  PA:
    name: {en: Pacific Alliance, es: Alianza del Pacífico}
    members: [CL, PE]
countries:
  CL: Chile
  PE: {en: Peru, es: Perú}
  MX: Mexico
areas:
  - id: ECO
    title: {en: Economy, es: Economía}
    activities:
      - id: ECO-01
        title: {en: Trade workshops, es: Talleres de comercio}
        lead: [PE]
        start: 2022-Q1
        end: 2029-Q4
      - id: ECO-02
        title: {en: "Study _X0042_ of investment", es: "Estudio _X0042_ de inversión"}
        lead: [PA]
        start: 2022-Q1
        end: 2029-Q2
      - id: ECO-03
        title: Customs exchange
        lead: [CL]
        partners: [PE]
        start: 2023-Q1
        end: 2029-Q4
"""

PROGRESS = """\
format: workplan-progress/1
plan: rel-plan
updates:
  - activity: ECO-03
    date: 2023-02-01
    status: ongoing
    progress: 20
    reported_by: CL
    note: First cohort selected.
"""

# the Tracker's columns (src/xlsx/columns.h)
COL = {"id": "A", "status": "H", "progress": "I", "updated": "J", "reporter": "K", "note": "L"}


def check(name, cond, detail=""):
    global _passed, _failed
    if cond:
        _passed += 1
    else:
        _failed += 1
        print(f"FAIL {NAME}: {name}" + (f"\n{detail}" if detail else ""), file=sys.stderr)
    return cond


def done():
    print(f"{NAME}: {_passed} passed, {_failed} failed")
    sys.exit(1 if _failed or not _passed else 0)


def epoch(day):
    return str(int(datetime.datetime.combine(day, datetime.time(12),
                                             datetime.timezone.utc).timestamp()))


def run(*args, cwd, day=None, timeout=300):
    """Runs workplan; day (a date) is the day of the import (SOURCE_DATE_EPOCH)."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if day:
        env["SOURCE_DATE_EPOCH"] = epoch(day)
    p = subprocess.run([WORKPLAN, *args], cwd=cwd, capture_output=True, text=True,
                       timeout=timeout, env=env)
    return p.returncode, p.stdout, p.stderr


def workdir(plan=PLAN, progress=PROGRESS):
    work = tempfile.mkdtemp(prefix=f"wp-{NAME}-")
    with open(os.path.join(work, "plan.yaml"), "w") as f:
        f.write(plan)
    if progress is not None:
        with open(os.path.join(work, "progress.yaml"), "w") as f:
            f.write(progress)
    return work


def cleanup(work):
    shutil.rmtree(work, ignore_errors=True)


def export(work, name, member="PE", lang=None, plan="plan.yaml"):
    args = ["xlsx", plan, "--member", member, "-o", name]
    if lang:
        args += ["--lang", lang]
    code, out, err = run(*args, cwd=work)
    path = os.path.join(work, name)
    check(f"export {name}", code == 0 and os.path.exists(path), err)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def progress_bytes(work):
    return read(os.path.join(work, "progress.yaml"))


def tracker_row(path, aid):
    """1-based row of activity aid in the Tracker (read with openpyxl)."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == aid:
            return r
    raise KeyError(aid)


def openpyxl_edit(path, changes, out=None):
    """changes: {(activity id, column letter): value}; saved with openpyxl."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for (aid, col), value in changes.items():
        ws[f"{col}{rows[aid]}"].value = value
    wb.save(out or path)


def zip_parts(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def zip_write(path, parts):
    """parts: list of (name, bytes); names may repeat."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some tests
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                z.writestr(name, data)


def part(parts, name):
    return dict(parts)[name]


def replace_part(parts, name, data):
    return [(n, data if n == name else d) for n, d in parts]


def sheet_part_of(parts, sheet_index):
    """The worksheet part of the sheet_index-th sheet (0-based, workbook order)."""
    wb = part(parts, "xl/workbook.xml").decode()
    rels = part(parts, "xl/_rels/workbook.xml.rels").decode()
    rids = re.findall(r'<sheet [^>]*r:id="([^"]+)"', wb)
    rid = rids[sheet_index]
    m = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    target = m.group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def set_cell_xml(parts, sheet_index, ref, cell_xml):
    """Replaces cell `ref` of a sheet by the raw XML cell_xml (which must carry r=ref)."""
    name = sheet_part_of(parts, sheet_index)
    xml = part(parts, name).decode()
    pat = re.compile(r'<c r="%s"(?:[^>]*/>|[^>]*>.*?</c>)' % ref, re.S)
    if pat.search(xml):
        xml = pat.sub(lambda m: cell_xml, xml, count=1)
    else:
        row = re.match(r"[A-Z]+(\d+)", ref).group(1)
        rpat = re.compile(r'(<row r="%s"[^>]*>)(.*?)(</row>)' % row, re.S)
        xml = rpat.sub(lambda m: m.group(1) + m.group(2) + cell_xml + m.group(3), xml, count=1)
        # cells must stay in column order for strict readers; ours sorts anyway
    return replace_part(parts, name, xml.encode())


def yaml_items(text):
    """The update items appended (dry-run output or file tail) as a list of dicts."""
    items = []
    for block in re.split(r"\n\s*- activity: ", "\n" + text)[1:]:
        lines = block.splitlines()
        item = {"activity": lines[0].strip()}
        for line in lines[1:]:
            m = re.match(r"\s+(\w+): (.*)$", line)
            if not m:
                break
            item[m.group(1)] = m.group(2)
        items.append(item)
    return items
