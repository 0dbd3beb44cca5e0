#!/usr/bin/python3
"""End-to-end check of the tracking workbook.

    /usr/bin/python3 tests/e2e/xlsx_check.py BINARY [PLAN]

BINARY is `workplan` (run as `workplan xlsx PLAN -o OUT ...`) or the test tool
xlsx-demo (run as `xlsx-demo PLAN OUT ...`). PLAN is a workplan/1 YAML file;
its progress.yaml beside it is applied when present. Default: the
repository's plan/workplan.yaml.

Writes the workbook (en, es, --member PE and a hostile plan made here), reads it
back with openpyxl with warnings turned into errors, and compares real cells
with what the plan says. With LibreOffice installed, also recalculates every
formula and compares with the cached values. Prints one line per failure and
ends with `xlsx: N passed, M failed`; exits 1 when anything failed.
"""
import csv
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("error")

import openpyxl  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
import yaml  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hidden_records import hidden_records  # noqa: E402

STATUSES = ["planned", "ongoing", "completed", "delayed", "cancelled"]
EN_STATUS = ["Planned", "Ongoing", "Completed", "Delayed", "Cancelled"]
EN_TITLES = ["ID", "Area", "Title", "Lead", "Partners", "Start", "End", "Status",
             "Progress %", "Last update", "Reported by", "Note"]
EDITABLE = [False] * 7 + [True] * 5
COL = {name: i for i, name in enumerate(
    ["id", "area", "title", "lead", "partners", "start", "end", "status", "progress",
     "updated", "reported_by", "note"])}

passed = 0
failed = 0
lo_compared = []


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")
    return cond


def eq(got, want, what):
    return check(got == want, f"{what}: got {got!r}, want {want!r}")


# ---- the plan, as the toolkit reads it ------------------------------------------

def text(t, lang, first):
    if t is None:
        return None
    if isinstance(t, dict):
        return t.get(lang) or t.get(first) or next(iter(t.values()))
    return str(t)


def first_day(tok):
    tok = str(tok)
    y = int(tok[:4])
    rest = tok[5:]
    if not rest:
        return datetime.date(y, 1, 1)
    if rest[0] == "H":
        return datetime.date(y, 1 if rest[1] == "1" else 7, 1)
    if rest[0] == "Q":
        return datetime.date(y, 3 * (int(rest[1]) - 1) + 1, 1)
    if len(rest) == 2:
        return datetime.date(y, int(rest), 1)
    return datetime.date.fromisoformat(tok)


def last_day(tok):
    tok = str(tok)
    y = int(tok[:4])
    rest = tok[5:]
    if not rest:
        m = 12
    elif rest[0] == "H":
        m = 6 if rest[1] == "1" else 12
    elif rest[0] == "Q":
        m = 3 * int(rest[1])
    elif len(rest) == 2:
        m = int(rest)
    else:
        return datetime.date.fromisoformat(tok)
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


class Plan:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        self.doc = doc
        p = doc["plan"]
        self.id = p["id"]
        self.version = str(p["version"])
        self.langs = p.get("languages") or ["en"]
        self.period = (p["period"]["from"], p["period"]["to"])
        self.parties = doc["parties"]
        self.countries = doc["countries"]
        self.areas = doc["areas"]
        self.activities = [(area, a) for area in self.areas for a in area.get("activities") or []]
        cur = {}
        for _, a in self.activities:
            st = a.get("status", "planned")
            pr = a.get("progress", 100 if st == "completed" else 0)
            cur[a["id"]] = {"status": st, "progress": pr, "updated": None, "reported_by": None,
                            "note": None}
        prog = os.path.join(os.path.dirname(path), "progress.yaml")
        updates = []
        if os.path.exists(prog):
            with open(prog, encoding="utf-8") as f:
                updates = (yaml.safe_load(f) or {}).get("updates") or []
        # latest by date, a later entry winning a tie: a stable sort by date does it
        order = sorted(range(len(updates)), key=lambda i: str(updates[i]["date"]))
        for i in order:
            u = updates[i]
            c = cur.get(u["activity"])
            if c is None:
                continue
            d = u["date"] if isinstance(u["date"], datetime.date) else \
                datetime.date.fromisoformat(str(u["date"]))
            c["updated"] = d
            c["reported_by"] = u.get("reported_by")
            for k in ("status", "progress", "note"):
                if k in u:
                    c[k] = u[k]
        self.current = cur

    def name(self, ref, lang):
        first = self.langs[0]
        if ref in self.parties:
            return text(self.parties[ref]["name"], lang, first)
        if ref in self.countries:
            return text(self.countries[ref], lang, first)
        return ref

    def involves(self, refs, code):
        for r in refs or []:
            if r == code or (r in self.parties and code in self.parties[r]["members"]):
                return True
        return False

    def rows(self, member=None):
        return [(area, a) for area, a in self.activities
                if member is None or self.involves(a.get("lead"), member)
                or self.involves(a.get("partners"), member)]


def fnv1a(values):
    h = 0xcbf29ce484222325
    first = True
    for v, editable in zip(values, EDITABLE):
        if editable:
            continue
        data = (b"" if first else b"\x1f") + v.encode("utf-8")
        first = False
        for byte in data:
            h ^= byte
            h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    return str(v)


# ---- running the binary -------------------------------------------------------------

BINARY = None


def run(plan, out, *opts, user=None):
    if os.path.basename(BINARY) == "workplan":
        cmd = [BINARY, "xlsx", plan, "-o", out, *opts]
    else:
        cmd = [BINARY, plan, out, *opts]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
    env.setdefault("LSAN_OPTIONS", f"suppressions={os.path.abspath(supp)}:print_suppressions=0")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return r


def load(path, data_only=False):
    try:
        return openpyxl.load_workbook(path, data_only=data_only)
    except Exception as e:  # a warning is an error here
        check(False, f"{path}: openpyxl cannot load it without a warning: {e}")
        return None


# ---- the checks ---------------------------------------------------------------------

def check_workbook(path, plan, lang, member=None):
    wb = load(path)
    if wb is None:
        return None
    names = wb.sheetnames
    eq(names[4:], ["_workplan", "_lists"], f"{path}: hidden sheets")
    eq([wb[n].sheet_state for n in names], ["visible"] * 4 + ["hidden"] * 2, f"{path}: states")
    check(wb.active.title == names[0], f"{path}: the active sheet is {wb.active.title!r}")
    meta = wb["_workplan"]
    eq(meta["A1"].value, "workplan-tracker/3", f"{path}: _workplan A1")
    eq([meta[f"A{r}"].value for r in range(2, 9)],
       ["plan", "version", "lang", "member", "built", "tracker", "rows"], f"{path}: meta keys")
    eq(meta["B2"].value, plan.id, f"{path}: meta plan")
    eq(meta["B3"].value, plan.version, f"{path}: meta version")
    eq(meta["B4"].value, lang, f"{path}: meta lang")
    eq(meta["B5"].value, member, f"{path}: meta member")
    tname = meta["B7"].value
    eq(names[1], tname, f"{path}: tracker sheet name")
    ws = wb[tname]
    rows = plan.rows(member)
    eq(meta["B8"].value, len(rows), f"{path}: meta rows")

    lists = wb["_lists"]
    labels = [lists.cell(row=i + 1, column=1).value for i in range(5)]
    if lang == "en":
        eq(labels, EN_STATUS, f"{path}: status list")
        eq([c.value for c in ws[1]], EN_TITLES, f"{path}: tracker titles")
    else:
        check(labels != EN_STATUS and all(labels), f"{path}: status list in {lang}: {labels}")
        check([c.value for c in ws[1]] != EN_TITLES, f"{path}: tracker titles in {lang}")
    members = [c.value for c in lists["B"] if c.value]
    eq(len(members), len(plan.parties) + len(plan.countries), f"{path}: member list length")
    eq([m.split(" ")[0] for m in members], list(plan.parties) + list(plan.countries),
       f"{path}: member list codes")

    # one row per activity, in plan order, with its cells
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    want_ids = [a["id"] for _, a in rows]
    if not rows:
        eq(ids, [None], f"{path}: an empty tracker keeps one blank row")
    else:
        eq(ids, want_ids, f"{path}: tracker ids")
    first = plan.langs[0]
    bad = []
    records = hidden_records(meta, 10)  # _workplan: from A10
    eq(len(records), len(rows), f"{path}: _workplan one record a row")
    for i, (area, a) in enumerate(rows):
        r = i + 2
        v = [ws.cell(row=r, column=c + 1).value for c in range(12)]
        cur = plan.current[a["id"]]
        want = {
            "area": text(area["title"], lang, first),
            "title": text(a["title"], lang, first)[:32767],
            "lead": ", ".join(plan.name(x, lang) for x in a.get("lead") or []),
            "partners": ", ".join(plan.name(x, lang) for x in a.get("partners") or []) or None,
            "start": datetime.datetime.combine(first_day(a["start"]), datetime.time()),
            "end": datetime.datetime.combine(last_day(a["end"]), datetime.time()),
            "status": labels[STATUSES.index(cur["status"])],
            "progress": cur["progress"],
            "updated": datetime.datetime.combine(cur["updated"], datetime.time())
            if cur["updated"] else None,
            "note": text(cur["note"], lang, first) if cur["note"] else None,
        }
        if cur["reported_by"]:
            rb = cur["reported_by"]
            want["reported_by"] = f"{rb} – {plan.name(rb, lang)}"
        else:
            want["reported_by"] = None
        for k, w in want.items():
            if v[COL[k]] != w:
                bad.append(f"{a['id']}.{k}: got {v[COL[k]]!r}, want {w!r}")
        # the fingerprint in _workplan is that of these very cells
        rec = records[i] if i < len(records) else [None, None]
        eq(rec[0], a["id"], f"{path}: meta record {i + 1}")
        eq(rec[1], f"{fnv1a([cell_text(x) for x in v]):016x}", f"{path}: fingerprint of {a['id']}")
    check(not bad, f"{path}: tracker cells differ: {bad[:5]}")

    # validations
    last = max(len(rows), 1) + 1

    def rng(col):
        return f"{col}2" if last == 2 else f"{col}2:{col}{last}"

    dvs = {str(d.sqref): d for d in ws.data_validations.dataValidation}

    d = dvs.get(rng("H"))
    check(d is not None and d.type == "list" and d.formula1 == "StatusList",
          f"{path}: status drop-down from StatusList")
    d = dvs.get(rng("I"))
    check(d is not None and d.type == "whole" and d.operator in (None, "between")
          and d.formula1 == "0" and d.formula2 == "100", f"{path}: progress whole 0-100")
    d = dvs.get(rng("J"))
    serial = (datetime.date(plan.period[0], 1, 1) - datetime.date(1899, 12, 30)).days
    check(d is not None and d.type == "date" and d.operator == "greaterThanOrEqual"
          and d.formula1 == str(serial), f"{path}: last update a date from the period's start")
    d = dvs.get(rng("K"))
    check(d is not None and d.type == "list" and d.formula1 == "MemberList",
          f"{path}: reported-by drop-down from MemberList")
    dn = {n.name: n.attr_text for n in wb.defined_names.definedName}
    eq(dn.get("StatusList"), "'_lists'!$A$1:$A$5", f"{path}: StatusList name")
    eq(dn.get("MemberList"), f"'_lists'!$B$1:$B${len(members)}", f"{path}: MemberList name")

    # protection: on, filtering allowed (sorting locked cells cannot work), only the
    # editable columns open
    p = ws.protection
    check(p.sheet and p.sort and not p.autoFilter and p.password is None,
          f"{path}: tracker protected, autofilter allowed, sort not offered, no password")
    locks = [ws.cell(row=2, column=c + 1).protection.locked for c in range(12)]
    eq(locks, [not e for e in EDITABLE], f"{path}: locked cells of row 2")
    check("TrackerTable" in ws.tables, f"{path}: table TrackerTable")
    if "TrackerTable" in ws.tables:
        t = ws.tables["TrackerTable"]
        eq(t.ref, f"A1:L{last}", f"{path}: table range")
        check(t.tableStyleInfo.showRowStripes, f"{path}: banded rows")
        check(t.autoFilter is not None, f"{path}: table autofilter")
    eq(ws.freeze_panes, "B2", f"{path}: frozen header row and id column")
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    types = sorted(r.type for r in rules)
    eq(types, sorted(["cellIs"] * 5 + ["dataBar", "expression"]), f"{path}: conditional formats")
    by_range = {}
    for cf in ws.conditional_formatting:
        for r in cf.rules:
            by_range.setdefault(str(cf.sqref), []).append(r)
    status_rules = by_range.get(rng("H"), [])
    eq(sorted(r.formula[0] for r in status_rules if r.type == "cellIs"),
       sorted(f'"{lab}"' for lab in labels), f"{path}: status colour rules")
    overdue = [r for r in by_range.get(f"A2:G{last}", []) if r.type == "expression"]
    check(len(overdue) == 1 and "DATE(2023,11,14)" in overdue[0].formula[0]
          and f'"{labels[2]}"' in overdue[0].formula[0], f"{path}: overdue rule {overdue}")
    bars = by_range.get(rng("I"), [])
    check(len(bars) == 1 and bars[0].type == "dataBar", f"{path}: progress data bar")

    # formula-looking text stays text
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value[:1] in "=+-@":
                eq(c.data_type, "s", f"{path}: {c.coordinate} {c.value!r} stored as text")

    # document properties
    props = wb.properties
    eq(props.title, text(plan.doc["plan"]["title"], lang, first), f"{path}: title property")
    eq(props.creator, ", ".join(plan.name(x, lang) for x in plan.doc["plan"]["parties"]),
       f"{path}: author property")
    eq(props.created, datetime.datetime(2023, 11, 14, 22, 13, 20), f"{path}: created property")
    check(plan.id in (props.keywords or ""), f"{path}: keywords {props.keywords!r}")

    # About says for whom
    about = wb[names[0]]
    about_text = " ".join(str(c.value) for row in about.iter_rows() for c in row if c.value)
    if member:
        check(plan.name(member, lang) in about_text, f"{path}: About names {member}")
    for lab in labels:
        check(lab in about_text, f"{path}: About legend has {lab!r}")
    # every legend row, the overdue one included, says what it means in column B
    legend = {r[0].value: r[1].value for r in about.iter_rows(max_col=2)
              if r[0].fill.fgColor.rgb not in (None, "00000000") and r[0].value}
    overdue = "Overdue" if lang == "en" else "Vencida" if lang == "es" else None
    for lab in labels + ([overdue] if overdue else []):
        check(bool(legend.get(lab)), f"{path}: legend row {lab!r} has a description")

    # Timeline: one row per activity, its quarters filled, nothing else
    tl = wb[names[3]]
    y0, y1 = plan.period
    nq = (y1 - y0 + 1) * 4
    eq([tl.cell(row=1, column=4 + 4 * k).value for k in range(y1 - y0 + 1)],
       [str(y) for y in range(y0, y1 + 1)], f"{path}: timeline year headers")
    bars = timeline_bars(tl, nq, path)
    wrong = []
    for i, (area, a) in enumerate(rows):
        r = i + 3
        if tl.cell(row=r, column=1).value != a["id"]:
            wrong.append(f"row {r} id {tl.cell(row=r, column=1).value!r}")
            continue
        f, l = first_day(a["start"]), last_day(a["end"])
        q0 = max((f.year - y0) * 4 + (f.month - 1) // 3, 0)
        q1 = min((l.year - y0) * 4 + (l.month - 1) // 3, nq - 1)
        filled = [q for q in range(nq) if bars(r, 4 + q)]
        if filled != list(range(q0, q1 + 1)):
            wrong.append(f"{a['id']}: quarters {filled}, want {q0}..{q1}")
    check(not wrong, f"{path}: timeline bars: {wrong[:5]}")
    eq(tl.cell(row=len(rows) + 3, column=1).value, None, f"{path}: timeline ends with the rows")

    # Summary: cached values are the counts of the plan
    cached = load(path, data_only=True)
    if cached is not None:
        check_summary_cache(path, cached[names[2]], plan, rows, labels)
    return wb


BAR_RULE = re.compile(r'^AND\(\$C3="(.+)",COLUMN\(\)>=\$([A-Z]+)3,COLUMN\(\)<=\$([A-Z]+)3\)$')


def timeline_bars(tl, nq, path):
    """The Timeline's bars are conditional formats over the grid, one a status, lit from the
    row's first to its last quarter as two hidden columns after the grid give them: evaluated
    here from the rules as written. Returns filled(row, col)."""
    grid = f"D3:{get_column_letter(3 + nq)}{max(tl.max_row, 3)}"
    rules = {}
    for cf in tl.conditional_formatting:
        for rule in cf.rules:
            m = BAR_RULE.match(rule.formula[0]) if rule.formula else None
            check(m is not None and str(cf.sqref) == grid and rule.dxf.fill is not None,
                  f"{path}: timeline rule {cf.sqref} {rule.formula}")
            if m:
                rules[m.group(1)] = (m.group(2), m.group(3))
    eq(sorted(rules), sorted(set(rules) | {tl.cell(row=r, column=3).value
                                           for r in range(3, tl.max_row + 1)}),
       f"{path}: a bar rule for every status shown")
    for lo, hi in set(rules.values()):
        eq([lo, hi], [get_column_letter(4 + nq), get_column_letter(5 + nq)],
           f"{path}: timeline bounds after the grid")
        check(tl.column_dimensions[lo].hidden, f"{path}: timeline bounds hidden")

    def filled(r, c):
        lo, hi = rules.get(tl.cell(row=r, column=3).value, (None, None))
        if lo is None:
            return False
        first, last = tl[f"{lo}{r}"].value or 0, tl[f"{hi}{r}"].value or 0
        return first <= c <= last
    return filled


def check_summary_cache(path, ws, plan, rows, labels):
    header = [ws.cell(row=4, column=c).value for c in range(2, 7)]
    eq(header, labels, f"{path}: summary status headers")
    totals = [0] * 5
    progress_all = []
    for k, area in enumerate(plan.areas):
        r = 5 + k
        counts = [0] * 5
        prog = []
        for ar, a in rows:
            if ar is area:
                cur = plan.current[a["id"]]
                counts[STATUSES.index(cur["status"])] += 1
                prog.append(cur["progress"])
        got = [ws.cell(row=r, column=c).value for c in range(2, 8)]
        eq(got, counts + [sum(counts)], f"{path}: summary counts of {area['id']}")
        avg = ws.cell(row=r, column=8).value
        if prog:
            check(isinstance(avg, (int, float)) and abs(avg - sum(prog) / len(prog)) < 1e-9,
                  f"{path}: average of {area['id']}: {avg!r}")
        else:
            check(avg in (None, ""), f"{path}: no average for empty {area['id']}: {avg!r}")
        totals = [t + c for t, c in zip(totals, counts)]
        progress_all += prog
    r = 5 + len(plan.areas)
    got = [ws.cell(row=r, column=c).value for c in range(2, 8)]
    eq(got, totals + [sum(totals)], f"{path}: summary totals")
    avg = ws.cell(row=r, column=8).value
    if progress_all:
        check(abs(avg - sum(progress_all) / len(progress_all)) < 1e-9, f"{path}: total average")


def check_libreoffice(paths, tmp):
    soffice = shutil.which("soffice")
    if not soffice:
        print("note: soffice not installed; skipping the LibreOffice recalculation check")
        return
    profile = os.path.join(tmp, "lo")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    for path in paths:
        out = os.path.join(tmp, "csv-" + os.path.basename(path))
        os.makedirs(out, exist_ok=True)
        r = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to",
                            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
                            "false,false,-1", "--outdir", out, path],
                           capture_output=True, text=True, timeout=180)
        if not check(r.returncode == 0, f"{path}: LibreOffice conversion: {r.stderr.strip()}"):
            continue
        wb = load(path, data_only=True)
        if wb is None:
            continue
        summary = wb.sheetnames[2]
        base = os.path.splitext(os.path.basename(path))[0]
        csv_path = os.path.join(out, f"{base}-{summary}.csv")
        if not check(os.path.exists(csv_path), f"{path}: no csv of {summary}: {os.listdir(out)}"):
            continue
        with open(csv_path, encoding="utf-8") as f:
            lo = list(csv.reader(f))
        ws = wb[summary]
        n = 0
        for row in ws.iter_rows(min_row=5, max_col=8):
            for c in row[1:]:
                if c.value is None and c.data_type != "f" and row[0].value is None:
                    continue
                try:
                    got = lo[c.row - 1][c.column - 1]
                except IndexError:
                    got = ""
                want = c.value
                if want in (None, ""):
                    ok = got == ""
                else:
                    try:
                        ok = abs(float(got) - float(want)) < 1e-9
                    except ValueError:
                        ok = False
                check(ok, f"{path}: {summary}!{c.coordinate} recalculated {got!r}, "
                          f"cached {want!r}")
                n += 1
        check(n > 0, f"{path}: summary values compared with LibreOffice")
        lo_compared.append(n)


HOSTILE = """format: workplan/1
plan:
  id: hostile
  title: "=HYPERLINK(\\"http://example.com\\",\\"click\\")"
  parties: [PA]
  period: {from: 2021, to: 2023}
  version: "2"
  languages: [en, es]
parties:
  PA:
    name: "+Alliance"
    members: [CL, PE, XX]
countries:
  CL: "-Chile"
  PE: {en: Peru, es: Perú}
  XX: "@Nowhere"
areas:
  - id: ECO
    title: "=1+1"
    activities:
      - id: ECO-01
        title: "=SUM(A1:A9)"
        lead: [CL]
        partners: [PE]
        start: 2021-Q1
        end: 2022
      - id: ECO-02
        title: "+cmd|' /C calc'!A0"
        lead: [PE]
        start: 2022-03
        end: 2023-06-30
        status: ongoing
        progress: 40
      - id: ECO-03
        title: "@SUM(1)"
        lead: [CL]
        start: 2021
        end: 2021-H1
        status: completed
      - id: ECO-04
        title: "LONG"
        lead: [CL]
        start: 2021
        end: 2021
  - id: EDU
    title: "-minus"
""".replace('"LONG"', "é" * 40000)


def main():
    global BINARY
    if len(sys.argv) not in (2, 3):
        print("usage: xlsx_check.py BINARY [PLAN]", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    plan_path = sys.argv[2] if len(sys.argv) == 3 else \
        os.path.normpath(os.path.join(root, "plan", "workplan.yaml"))
    plan = Plan(plan_path)
    tmp = tempfile.mkdtemp(prefix="xlsx-check-")
    os.chmod(tmp, 0o755)
    try:
        outputs = []
        langs = plan.langs
        for lang, member in [(langs[0], None), ("es" if "es" in langs else langs[0], None),
                             (langs[0], "PE")]:
            out = os.path.join(tmp, f"{lang}-{member or 'all'}.xlsx")
            opts = ["--lang", lang] + (["--member", member] if member else [])
            if member and member not in plan.countries:
                continue
            r = run(plan_path, out, *opts)
            if not check(r.returncode == 0, f"{out}: exit {r.returncode}: {r.stderr.strip()}"):
                continue
            check("error:" not in r.stderr and "ERROR" not in r.stderr,
                  f"{out}: stderr {r.stderr!r}")
            check_workbook(out, plan, lang, member)
            outputs.append(out)

        # byte-identical across runs
        a, b = os.path.join(tmp, "same-a.xlsx"), os.path.join(tmp, "same-b.xlsx")
        run(plan_path, a, "--lang", langs[0])
        run(plan_path, b, "--lang", langs[0])
        with open(a, "rb") as fa, open(b, "rb") as fb:
            check(fa.read() == fb.read(), "two runs give byte-identical files")

        # the printed sheets follow --paper like the booklet: A4 (9) by default, Letter (1)
        for paper, code in [(None, 9), ("a4", 9), ("letter", 1)]:
            out = os.path.join(tmp, f"paper-{paper}.xlsx")
            r = run(plan_path, out, *(["--paper", paper] if paper else []))
            if check(r.returncode == 0, f"--paper {paper}: exit {r.returncode}: {r.stderr}"):
                wb = load(out)
                if wb is not None:
                    eq([wb[n].page_setup.paperSize for n in wb.sheetnames[:4]], [code] * 4,
                       f"--paper {paper}: paper of the printed sheets")
        r = run(plan_path, os.path.join(tmp, "paper-bad.xlsx"), "--paper", "a5")
        eq(r.returncode, 2, "--paper a5 is a usage error")

        # a failed run leaves the existing file untouched
        ro = os.path.join(tmp, "ro")
        os.mkdir(ro)
        old = os.path.join(ro, "old.xlsx")
        with open(old, "wb") as f:
            f.write(b"earlier output")
        if os.geteuid() == 0:
            os.chmod(ro, 0o755)
            r = run(plan_path, old, user=65534)
        else:
            os.chmod(ro, 0o555)
            r = run(plan_path, old)
            os.chmod(ro, 0o755)
        check(r.returncode != 0, f"unwritable folder: exit {r.returncode}")
        check("error:" in r.stderr and old in r.stderr, f"unwritable folder: stderr {r.stderr!r}")
        with open(old, "rb") as f:
            eq(f.read(), b"earlier output", "unwritable folder: earlier file untouched")
        eq(sorted(os.listdir(ro)), ["old.xlsx"], "unwritable folder: no temporary file left")

        # hostile texts stay text; a member with no activity still gets a workbook
        hdir = os.path.join(tmp, "hostile")
        os.mkdir(hdir)
        hplan = os.path.join(hdir, "workplan.yaml")
        with open(hplan, "w", encoding="utf-8") as f:
            f.write(HOSTILE)
        hp = Plan(hplan)
        for lang, member in [("en", None), ("es", "PE"), ("en", "XX")]:
            out = os.path.join(tmp, f"hostile-{lang}-{member or 'all'}.xlsx")
            opts = ["--lang", lang] + (["--member", member] if member else [])
            r = run(hplan, out, *opts)
            if member is None:  # the long title is CL's alone
                check("cut to fit Excel's limit of 32767 characters" in r.stderr,
                      f"{out}: warning about the long title: {r.stderr!r}")
            if check(r.returncode == 0, f"{out}: exit {r.returncode}: {r.stderr.strip()}"):
                wb = check_workbook(out, hp, lang, member)
                outputs.append(out)
                if wb is not None:
                    about = wb[wb.sheetnames[0]]
                    title = about["A1"]
                    eq((title.value, title.data_type),
                       ('=HYPERLINK("http://example.com","click")', "s"),
                       f"{out}: formula-looking title stays text")
                    n_text = sum(1 for ws in wb for row in ws.iter_rows() for c in row
                                 if isinstance(c.value, str) and c.value[:1] in "=+-@")
                    n_formula = sum(1 for ws in wb for row in ws.iter_rows() for c in row
                                    if c.data_type == "f" and not ws.title == wb.sheetnames[2])
                    check(n_text >= 5, f"{out}: hostile texts present ({n_text})")
                    eq(n_formula, 0, f"{out}: formulas outside the Summary")
                    if member == "XX":
                        texts = [c.value for row in about.iter_rows() for c in row if c.value]
                        check(any("No activity" in str(t) for t in texts),
                              f"{out}: About says the member has no activity")
        check_libreoffice(outputs, tmp)
        if lo_compared:
            print(f"LibreOffice recalculated {sum(lo_compared)} Summary values in "
                  f"{len(lo_compared)} workbooks")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"xlsx: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
