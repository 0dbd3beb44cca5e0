#!/usr/bin/python3
"""The Indicators sheet and its import, end to end.

    /usr/bin/python3 tests/indicators/check.py BINARY

On tests/indicators/plan.yaml (both directions, reported and not, an area
without indicators) and on samples/other-programme.yaml: builds the
workbooks (`build --members`), reads every cell back with openpyxl and
compares it with the plan and progress file read here (the on-track rule
is computed here on its own, not taken from the program), recalculates
with LibreOffice and compares with the cached values, types values into
member workbooks with openpyxl and with LibreOffice itself (a Basic macro),
imports them, checks the progress file's bytes, that the next workbook
shows them and that importing again adds nothing; then the refusals, each
naming workbook, sheet and cell, and an old-format workbook (no Indicators
sheet) and one of format 1 (0.2's hidden sheet) that still import. Prints `indicators: N passed, M failed` last.
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import openpyxl
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from lo_edit import lo_edit  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from hidden_records import hidden_records  # noqa: E402

WORKPLAN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/workplan")
SUPP = os.path.join(ROOT, "tests", "lsan.supp")
passed = 0
failed = 0

EN_TITLES = ["ID", "Activity", "Indicator", "Unit", "Baseline", "Target", "Target date",
             "Expected now", "Value", "Measured on", "Note", "On track"]
ES_TITLES = ["ID", "Actividad", "Indicador", "Unidad", "Línea de base", "Meta",
             "Fecha de la meta", "Esperado a la fecha", "Valor", "Fecha de medición", "Nota",
             "Según lo previsto"]
LOCKED = [True] * 8 + [False] * 3 + [True]


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f"\n    {detail}" if detail else ""))
    return cond


def eq(name, got, want):
    return check(name, got == want, f"got {got!r}, want {want!r}")


def epoch(day):
    return str(int(datetime.datetime.combine(day, datetime.time(12),
                                             datetime.timezone.utc).timestamp()))


def run(*args, cwd=None, day=None):
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = f"suppressions={SUPP}:print_suppressions=0"
    env.pop("SOURCE_DATE_EPOCH", None)
    if day:
        env["SOURCE_DATE_EPOCH"] = epoch(day)
    p = subprocess.run([WORKPLAN, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                       env=env)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load(path, data_only=False):
    with warnings.catch_warnings():
        # LibreOffice writes extensions openpyxl does not know; that is no fault of ours
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=data_only)


# ---- the plan and the rule, read here ------------------------------------------------

def first_day(tok):
    tok = str(tok)
    y, rest = int(tok[:4]), tok[5:]
    if not rest:
        return datetime.date(y, 1, 1)
    if rest[0] in "HQ":
        months = 6 if rest[0] == "H" else 3
        return datetime.date(y, months * (int(rest[1]) - 1) + 1, 1)
    if len(rest) == 2:
        return datetime.date(y, int(rest), 1)
    return datetime.date.fromisoformat(tok)


def last_day(tok):
    tok = str(tok)
    y, rest = int(tok[:4]), tok[5:]
    if len(rest) > 3:
        return datetime.date.fromisoformat(tok)
    if not rest:
        m = 12
    elif rest[0] in "HQ":
        m = (6 if rest[0] == "H" else 3) * int(rest[1])
    else:
        m = int(rest)
    return datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)


def text(t, lang, first):
    if t is None:
        return None
    if isinstance(t, dict):
        return t.get(lang) or t.get(first) or next(iter(t.values()))
    return str(t)


def expected_share(start, by, today):
    """plan-format's rule: the share of the time from the activity's start to `by` elapsed."""
    lo = first_day(start).toordinal()
    hi = last_day(by).toordinal() + 1
    now = today.toordinal() + 1
    if now <= lo:
        return 0.0
    if now >= hi or hi <= lo:
        return 1.0
    return (now - lo) / (hi - lo)


def on_track(ind, value, today):
    b, t = ind["baseline"], ind["target"]
    reached = value <= t if t < b else value >= t
    return reached or (value - b) / (t - b) + 1e-9 >= expected_share(ind["start"], ind["by"], today)


class Plan:
    def __init__(self, path, progress):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        self.doc = doc
        self.langs = doc["plan"].get("languages") or ["en"]
        self.period = doc["plan"]["period"]
        self.parties = doc["parties"]
        self.countries = doc["countries"]
        self.areas = doc["areas"]
        self.inds = []  # (area, activity, indicator dict)
        for area in self.areas:
            for a in area.get("activities") or []:
                for i in a.get("indicators") or []:
                    if isinstance(i, dict) and "text" in i:
                        ind = dict(i, baseline=i.get("baseline", 0), by=i.get("by", a["end"]),
                                   start=a["start"], value=None, date=None)
                        self.inds.append((area, a, ind))
        updates = []
        if progress and os.path.exists(progress):
            with open(progress, encoding="utf-8") as f:
                updates = (yaml.safe_load(f) or {}).get("updates") or []
        for i in sorted(range(len(updates)), key=lambda k: str(updates[k]["date"])):
            u = updates[i]
            for _, a, ind in self.inds:
                if a["id"] == u["activity"] and ind["id"] in (u.get("indicators") or {}):
                    ind["value"] = u["indicators"][ind["id"]]
                    ind["date"] = datetime.date.fromisoformat(str(u["date"]))

    def involves(self, refs, code):
        return any(r == code or (r in self.parties and code in self.parties[r]["members"])
                   for r in refs or [])

    def rows(self, member=None):
        return [(ar, a, i) for ar, a, i in self.inds
                if member is None or self.involves(a.get("lead"), member)
                or self.involves(a.get("partners"), member)]


def fnv(parts, sep):
    h = 0xcbf29ce484222325
    for k, part in enumerate(parts):
        for byte in ((sep if k else b"") + part.encode("utf-8")):
            h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def num(v):
    return f"{v:.15g}"


# ---- the workbook as written -------------------------------------------------------------

def check_workbook(path, plan, lang, member, build_date):
    name = os.path.basename(path)
    wb = load(path)
    first = plan.langs[0]
    titles = EN_TITLES if lang == "en" else ES_TITLES
    sheet = "Indicators" if lang == "en" else "Indicadores"
    eq(f"{name}: sheets", wb.sheetnames[2], sheet)
    eq(f"{name}: hidden sheets", [wb[n].sheet_state for n in wb.sheetnames][5:],
       ["hidden"] * 3)
    eq(f"{name}: _indicators last", wb.sheetnames[-1], "_indicators")
    ws = wb[sheet]
    eq(f"{name}: titles", [c.value for c in ws[1]], titles)
    rows = plan.rows(member)
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    eq(f"{name}: one row per measured indicator", ids,
       [f"{a['id']}/{i['id']}" for _, a, i in rows] or [None])
    meta = wb["_indicators"]
    records = hidden_records(meta, 7)  # _indicators: from A7
    bad = []
    for k, (area, a, ind) in enumerate(rows):
        r = k + 2
        got = [ws.cell(row=r, column=c).value for c in range(1, 12)]
        share = expected_share(ind["start"], ind["by"], build_date)
        want = [f"{a['id']}/{ind['id']}", text(a["title"], lang, first),
                text(ind["text"], lang, first), text(ind.get("unit"), lang, first),
                ind["baseline"], ind["target"],
                datetime.datetime.combine(last_day(ind["by"]), datetime.time()),
                None, ind["value"],
                datetime.datetime.combine(ind["date"], datetime.time()) if ind["date"] else None,
                None]
        exp = round(ind["baseline"] + share * (ind["target"] - ind["baseline"]), 2)
        if not isinstance(got[7], (int, float)) or abs(got[7] - exp) > 1e-9 * max(1, abs(exp)):
            bad.append(f"{ids[k]} expected now {got[7]!r}, want {exp!r}")
        got[7] = None
        if got != want:
            bad.append(f"{ids[k]}: {got!r} != {want!r}")
        formula = ws.cell(row=r, column=12).value
        if not (isinstance(formula, str) and formula.startswith(f"=IF(ISNUMBER(I{r})")):
            bad.append(f"{ids[k]} on-track formula {formula!r}")
        locks = [ws.cell(row=r, column=c).protection.locked for c in range(1, 13)]
        if locks != LOCKED:
            bad.append(f"{ids[k]} locks {locks}")
        # the hidden sheet: the row's fingerprint, its exported value and date
        locked = [want[0], want[1], want[2], want[3] or "", num(ind["baseline"]),
                  num(ind["target"]), last_day(ind["by"]).isoformat()]
        mrow = records[k] if k < len(records) else None
        fingerprint = fnv(locked, b"\x1f")
        wmeta = [ids[k], f"{fingerprint:016x}",
                 ind["date"].isoformat() if ind["date"] else "",
                 num(ind["value"]) if ind["value"] is not None else ""]
        if mrow != wmeta:
            bad.append(f"_indicators record {k + 1}: {mrow!r} != {wmeta!r}")
    eq(f"{name}: _indicators one record a row", len(records), len(rows))
    check(f"{name}: cells", not bad, "; ".join(bad[:6]))
    # the hidden sheet fingerprinted whole (every other cell, row-major)
    parts = []
    h = 0xcbf29ce484222325
    for row in meta.iter_rows():
        for c in row:
            if c.value is None or (c.row == 6 and c.column == 2):
                continue
            v = c.value if isinstance(c.value, str) else num(c.value)
            for byte in f"{c.row}:{c.column}=".encode() + v.encode("utf-8") + b"\x1e":
                h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
            parts.append(v)
    eq(f"{name}: _indicators fingerprint", meta["B6"].value, f"{h:016x}")
    eq(f"{name}: _indicators header", [meta[f"A{r}"].value for r in range(1, 7)],
       ["workplan-indicators/3", "plan", "member", "sheet", "rows", "fingerprint"])
    eq(f"{name}: _indicators member", meta["B3"].value, member)
    # protection, table, validations
    p = ws.protection
    check(f"{name}: protected as the Tracker: filters allowed, sort not offered, no password",
          p.sheet and p.sort and not p.autoFilter and p.password is None)
    last = max(len(rows), 1) + 1
    check(f"{name}: table", "IndicatorTable" in ws.tables
          and ws.tables["IndicatorTable"].ref == f"A1:L{last}", str(list(ws.tables.items())))
    dvs = {str(d.sqref): d for d in ws.data_validations.dataValidation}
    rng = (lambda col: f"{col}2" if last == 2 else f"{col}2:{col}{last}")
    d = dvs.get(rng("I"))
    check(f"{name}: value a number", d is not None and d.type == "decimal", str(dvs))
    d = dvs.get(rng("J"))
    serial = (datetime.date(plan.period["from"], 1, 1) - datetime.date(1899, 12, 30)).days
    check(f"{name}: date not before the period", d is not None and d.type == "date"
          and d.operator == "greaterThanOrEqual" and d.formula1 == str(serial), str(dvs))
    check_cached(path, plan, member, build_date, lang)
    about = " ".join(str(c.value) for row in wb[wb.sheetnames[0]].iter_rows() for c in row
                     if c.value)
    check(f"{name}: About explains the Indicators sheet",
          ("How to report indicators" if lang == "en" else "Cómo informar los indicadores")
          in about and (titles[8] in about), about[:300])
    if not rows:
        check(f"{name}: About says none is measured here",
              "No activity in this workbook has a measured indicator." in about, about[:300])
    # texts that look like formulas stay text
    for row in ws.iter_rows(min_row=2, max_col=11):
        for c in row:
            if isinstance(c.value, str) and c.value[:1] in "=+-@":
                eq(f"{name}: {c.coordinate} stays text", c.data_type, "s")
    return wb


def counts(plan, member, today, values=None):
    """Per area: measured, reported, on track; values overrides {ref: value}."""
    out = []
    for area in plan.areas:
        n = rep = ok = 0
        for ar, a, ind in plan.rows(member):
            if ar is not area:
                continue
            n += 1
            v = (values or {}).get(f"{a['id']}/{ind['id']}", ind["value"])
            if v is not None:
                rep += 1
                ok += on_track(ind, v, today)
        out.append([n, rep, ok])
    out.append([sum(c[k] for c in out) for k in range(3)])
    return out


def check_cached(path, plan, member, build_date, lang):
    name = os.path.basename(path)
    wb = load(path, data_only=True)
    ws = wb[wb.sheetnames[2]]
    rows = plan.rows(member)
    got = [ws.cell(row=k + 2, column=12).value for k in range(len(rows))]
    want = [None if i["value"] is None else int(on_track(i, i["value"], build_date))
            for _, _, i in rows]
    eq(f"{name}: on track (cached)", [None if g == "" else g for g in got], want)
    s = wb[wb.sheetnames[3]]
    eq(f"{name}: summary titles", [s.cell(row=4, column=c).value for c in range(9, 12)],
       ["Measured indicators", "Reported", "On track"] if lang == "en"
       else ["Indicadores medidos", "Informados", "Según lo previsto"])
    eq(f"{name}: summary counts (cached)",
       [[s.cell(row=5 + k, column=c).value for c in range(9, 12)]
        for k in range(len(plan.areas) + 1)],
       counts(plan, member, build_date))


def check_lo_recalc(src, dst, edits, plan, member, build_date, values):
    """LibreOffice types the edits, recalculates, saves: its values are the rule's."""
    ok, msg = lo_edit(src, dst, edits)
    if not check(f"LibreOffice edit of {os.path.basename(src)}", ok, msg):
        return False
    wb = load(dst, data_only=True)
    ws = wb[wb.sheetnames[2]]
    rows = plan.rows(member)
    got = [ws.cell(row=k + 2, column=12).value for k in range(len(rows))]
    want = []
    for _, a, ind in rows:
        v = values.get(f"{a['id']}/{ind['id']}", ind["value"])
        want.append(None if v is None else int(on_track(ind, v, build_date)))
    eq(f"{os.path.basename(dst)}: On track as LibreOffice computes it",
       [None if g in ("", None) else int(g) for g in got], want)
    s = wb[wb.sheetnames[3]]
    eq(f"{os.path.basename(dst)}: Summary as LibreOffice computes it",
       [[s.cell(row=5 + k, column=c).value for c in range(9, 12)]
        for k in range(len(plan.areas) + 1)],
       counts(plan, member, build_date, values))
    return True


def edit(src, dst, cells, sheet="Indicators"):
    wb = load(src)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(dst)


def expect_import(work, book, day, first_line, appended, warning=None):
    path = os.path.join(work, "progress.yaml")
    before = read(path)
    code, out, err = run("import", "plan.yaml", book, cwd=work, day=day)
    name = f"import {book}"
    check(f"{name}: exit 0", code == 0, out + err)
    line = out.splitlines()[0] if out else ""
    if first_line:
        eq(f"{name}: summary", line, first_line)
    else:
        check(f"{name}: summary", line.startswith(f"{book}: 1 update taken,"), line)
    after = read(path)
    # the items go at the end of the updates: block, before events: when it follows
    text = after.decode()
    at = text.find(appended)
    rest = text[at + len(appended):].lstrip("\n")
    check(f"{name}: bytes appended", at > 0 and text.replace(appended, "", 1) == before.decode()
          and (not rest or rest.startswith("events:") or rest.startswith("#")), text[-700:])
    if warning:
        check(f"{name}: warning", warning in err, err)
    # importing again adds nothing, on another day too
    code, out, err = run("import", "plan.yaml", book, cwd=work,
                         day=day + datetime.timedelta(days=3))
    check(f"{name} again: exit 0", code == 0, out + err)
    check(f"{name} again: nothing taken", out.startswith(f"{book}: 0 updates taken,"), out + err)
    eq(f"{name} again: bytes", read(path), after)
    check(f"{name} again: no warning about the book", f"{book}:" not in err, err)


def expect_refusal(work, name, book, cells, day, message, sheet="Indicators", whole=False,
                   src="out/ind-test.CL.xlsx"):
    path = os.path.join(work, book)
    if callable(cells):
        wb = load(os.path.join(work, src))
        cells(wb)
        wb.save(path)
    else:
        edit(os.path.join(work, src), path, cells, sheet)
    before = read(os.path.join(work, "progress.yaml"))
    code, out, err = run("import", "plan.yaml", "--dry-run", book, cwd=work, day=day)
    eq(f"refusal {name}: exit", code, 1)
    # at a cell, the cell is the position: BOOK:SHEET!CELL: error: MESSAGE
    cell, sep, rest = message.partition(": ")
    want = f"{book}:{cell}: error: {rest}" if sep and "!" in cell else f"{book}: error: {message}"
    check(f"refusal {name}: message names workbook, sheet and cell", want in err, err)
    if whole:
        check(f"refusal {name}: workbook refused", f"{book}: workbook refused" in out, out)
    eq(f"refusal {name}: nothing written", read(os.path.join(work, "progress.yaml")), before)


D0 = datetime.date(2025, 1, 1)  # the build
D1 = datetime.date(2025, 1, 10)  # the import


def test_fixture(tmp):
    work = os.path.join(tmp, "fixture")
    os.makedirs(work)
    for f in ("plan.yaml", "progress.yaml"):
        shutil.copy(os.path.join(HERE, f), work)
    code, out, err = run("build", "plan.yaml", "-d", "out", "--lang", "en,es", "--members",
                         cwd=work, day=D0)
    if not check("fixture build --members", code == 0, err):
        return
    plan = Plan(os.path.join(work, "plan.yaml"), os.path.join(work, "progress.yaml"))
    out = os.path.join(work, "out")
    for f, lang, member in [("ind-test.xlsx", "en", None), ("ind-test.es.xlsx", "es", None),
                            ("ind-test.CL.xlsx", "en", "CL"), ("ind-test.AR.xlsx", "en", "AR"),
                            ("ind-test.UY.xlsx", "en", "UY")]:
        check_workbook(os.path.join(out, f), plan, lang, member, D0)
    # LibreOffice recalculates every formula of the workbook as written: the cached values
    check_lo_recalc(os.path.join(out, "ind-test.xlsx"), os.path.join(tmp, "lo-recalc.xlsx"), [],
                    plan, None, D0, {})

    # openpyxl: a value with its date and a note (and the Tracker row of that day), a value alone
    edit(os.path.join(out, "ind-test.CL.xlsx"), os.path.join(work, "CL.xlsx"),
         {"I2": 4, "J2": datetime.date(2024, 11, 30), "K2": "Two more sites", "I3": 18})
    edit(os.path.join(work, "CL.xlsx"), os.path.join(work, "CL.xlsx"),
         {"H2": "Delayed", "J2": datetime.date(2024, 11, 30)}, sheet="Tracker")
    expect_import(work, "CL.xlsx", D1, "CL.xlsx: 3 updates taken, 2 rows unchanged, 0 rows refused",
                  "  - activity: RES-01\n    date: 2024-11-30\n    status: delayed\n"
                  "    progress: 30\n    reported_by: CL\n    note: \"Two more sites\"\n"
                  "    indicators: {SITES: 4}\n"
                  "  - activity: RES-01\n    date: 2025-01-10\n    reported_by: CL\n"
                  "    indicators: {DAYS: 18}\n",
                  "CL.xlsx:Indicators!J3: warning: 'RES-01/DAYS' was changed but its date of "
                  "measurement was not; taken as of 2025-01-10, the day of the import")

    # LibreOffice itself types a value (lower-is-better row too) and saves its own file
    pe = os.path.join(work, "PE.xlsx")
    if check_lo_recalc(os.path.join(out, "ind-test.PE.xlsx"), pe,
                       [("Indicators", "I3", "n", "12.5"), ("Indicators", "J3", "d", "2025-01-12"),
                        ("Indicators", "I4", "n", "90"), ("Indicators", "J4", "d", "2025-01-05")],
                       plan, "PE", D0, {"RES-01/DAYS": 12.5, "EDU-01/STUDENTS": 90}):
        expect_import(work, "PE.xlsx", D1 + datetime.timedelta(days=5),
                      "PE.xlsx: 2 updates taken, 3 rows unchanged, 0 rows refused",
                      "  - activity: RES-01\n    date: 2025-01-12\n    reported_by: PE\n"
                      "    indicators: {DAYS: 12.5}\n"
                      "  - activity: EDU-01\n    date: 2025-01-05\n    reported_by: PE\n"
                      "    indicators: {STUDENTS: 90}\n")
    # a value dated before the latest one is not taken, with a warning
    edit(os.path.join(out, "ind-test.PE.xlsx"), os.path.join(work, "old.xlsx"),
         {"I3": 11, "J3": datetime.date(2025, 1, 5)})
    code, out_, err = run("import", "plan.yaml", "--dry-run", "old.xlsx", cwd=work, day=D1)
    check("older value superseded", "old.xlsx:Indicators!J3: warning: value of 2025-01-05 is "
          "older than the latest value of 'RES-01/DAYS' (2025-01-12); row not imported" in err
          and out_.startswith("old.xlsx: 0 updates taken, 4 rows unchanged, 0 rows refused, "
                              "1 row superseded"), out_ + err)

    # the next workbook shows what came back
    code, _, err = run("build", "plan.yaml", "-d", "next", "--members", cwd=work,
                       day=datetime.date(2025, 1, 20))
    if check("next build", code == 0, err):
        plan2 = Plan(os.path.join(work, "plan.yaml"), os.path.join(work, "progress.yaml"))
        eq("next: progress read here", [i["value"] for _, _, i in plan2.inds],
           [4, 12.5, None, 90])
        wb = check_workbook(os.path.join(work, "next", "ind-test.CL.xlsx"), plan2, "en", "CL",
                            datetime.date(2025, 1, 20))
        ws = wb["Indicators"]
        eq("next: CL values shown", [(ws[f"I{r}"].value, ws[f"J{r}"].value.date())
                                     for r in (2, 3)],
           [(4, datetime.date(2024, 11, 30)), (12.5, datetime.date(2025, 1, 12))])
    test_refusals(work)
    test_events_after_updates(tmp, work)


def test_events_after_updates(tmp, fixture):
    """A progress file whose events come after its updates takes the new items before them."""
    work = os.path.join(tmp, "events-last")
    os.makedirs(work)
    shutil.copy(os.path.join(HERE, "plan.yaml"), work)
    shutil.copy(os.path.join(fixture, "CL.xlsx"), work)
    with open(os.path.join(HERE, "progress.yaml"), encoding="utf-8") as f:
        text_ = f.read()
    head, rest = text_.split("events:\n", 1)
    events, updates = rest.split("updates:\n", 1)
    with open(os.path.join(work, "progress.yaml"), "w", encoding="utf-8") as f:
        f.write(head + "updates:\n" + updates + "\n# plan-wide facts\nevents:\n" + events)
    expect_import(work, "CL.xlsx", D1, "CL.xlsx: 3 updates taken, 2 rows unchanged, 0 rows refused",
                  "  - activity: RES-01\n    date: 2024-11-30\n    status: delayed\n"
                  "    progress: 30\n    reported_by: CL\n    note: \"Two more sites\"\n"
                  "    indicators: {SITES: 4}\n"
                  "  - activity: RES-01\n    date: 2025-01-10\n    reported_by: CL\n"
                  "    indicators: {DAYS: 18}\n")
    with open(os.path.join(work, "progress.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    eq("events after updates: both lists whole", (len(doc["updates"]), len(doc["events"])), (4, 1))


def test_refusals(work):
    d = D1
    expect_refusal(work, "text value", "r1.xlsx", {"I2": "lots"}, d,
                   "Indicators!I2: value 'lots' of 'RES-01/SITES' is not a number")
    expect_refusal(work, "date before the period", "r2.xlsx",
                   {"I2": 3, "J2": datetime.date(2023, 5, 1)}, d,
                   "Indicators!J2: date '2023-05-01' is before the plan period starts "
                   "(2024-01-01)")
    expect_refusal(work, "date after the import", "r3.xlsx",
                   {"I2": 3, "J2": datetime.date(2025, 2, 1)}, d,
                   "Indicators!J2: date '2025-02-01' is after the day of the import (2025-01-10)")
    expect_refusal(work, "locked target", "r4.xlsx", {"F2": 99, "I2": 3}, d,
                   "Indicators!F2: locked column 'Target' of 'RES-01/SITES' was changed; "
                   "row not imported")
    expect_refusal(work, "unknown reference", "r5.xlsx", {"A2": "RES-01/NOPE"}, d,
                   "Indicators!A2: unknown indicator 'RES-01/NOPE'; row not imported")
    expect_refusal(work, "row twice", "r6.xlsx", {"A3": "RES-01/SITES"}, d,
                   "Indicators!A3: indicator 'RES-01/SITES' is given twice (rows 2 and 3); "
                   "neither row imported")
    expect_refusal(work, "note without a value", "r7.xlsx", {"K2": "nothing yet"}, d,
                   "Indicators!I2: 'RES-02/PAPERS' has a date or note but no value; row not "
                   "imported", src="out/ind-test.AR.xlsx")
    expect_refusal(work, "formula without its value", "r8.xlsx", {"I2": "=1+1"}, d,
                   "Indicators!I2: 'Value' holds a formula saved without its value")
    expect_refusal(work, "overflowing number", "r11.xlsx", {"I2": "1e400"}, d,
                   "Indicators!I2: value '1e400' of 'RES-01/SITES' is not a number")
    expect_refusal(work, "too large", "r14.xlsx", {"I2": 1e16, "J2": datetime.date(2024, 12, 1)},
                   d, "Indicators!I2: value '1e+16' of 'RES-01/SITES' is too large (at most 15 "
                   "digits before the decimal point)")
    expect_refusal(work, "not a number", "r12.xlsx", {"I2": "nan"}, d,
                   "Indicators!I2: value 'nan' of 'RES-01/SITES' is not a number")
    # a number typed as text, with blanks, is that number; blanks alone are an empty cell
    edit(os.path.join(work, "out/ind-test.CL.xlsx"), os.path.join(work, "t1.xlsx"),
         {"I2": " 5 ", "J2": "2024-12-01", "I3": "   "})
    code, out, err = run("import", "plan.yaml", "--dry-run", "t1.xlsx", cwd=work, day=d)
    check("number as text", code == 0 and "    indicators: {SITES: 5}\n" in out
          and "t1.xlsx:Indicators!I3: warning: the value of 'RES-01/DAYS' was deleted" in err,
          out + err)
    # an invisible control character in a note is dropped, with a warning naming the cell
    edit(os.path.join(work, "out/ind-test.CL.xlsx"), os.path.join(work, "t2.xlsx"),
         {"I2": 3, "J2": datetime.date(2024, 12, 1), "K2": "bad_x0007_bell"})
    code, out, err = run("import", "plan.yaml", "--dry-run", "t2.xlsx", cwd=work, day=d)
    check("control character dropped", code == 0 and '    note: "badbell"\n' in out
          and "t2.xlsx:Indicators!K2: warning: note: invisible control character U+0007 "
          "dropped (a progress file cannot hold it)" in err, out + err)
    expect_refusal(work, "hidden sheet changed", "r9.xlsx", {"D8": "3"}, d,
                   "_indicators!B6: the hidden sheet '_indicators' was changed after export",
                   sheet="_indicators", whole=True)
    expect_refusal(work, "sheet deleted", "r10.xlsx",
                   lambda wb: wb.remove(wb["Indicators"]), d,
                   "indicators sheet 'Indicators' is missing", whole=True)
    # the columns as on the Tracker (one importer): a deleted one refuses the workbook ...
    expect_refusal(work, "column deleted", "r15.xlsx",
                   lambda wb: wb["Indicators"].delete_cols(11), d,
                   "column 'Note' is missing from sheet 'Indicators'", whole=True)

    # ... moved ones and one added are found by their titles
    def move(wb):
        ws = wb["Indicators"]
        ws.insert_cols(1)
        ws["A1"] = "My own column"
        ws["J2"] = 6  # Value, now in J
        ws["K2"] = datetime.date(2024, 12, 2)  # Date, now in K
    wb = load(os.path.join(work, "out/ind-test.CL.xlsx"))
    move(wb)
    wb.save(os.path.join(work, "t3.xlsx"))
    code, out, err = run("import", "plan.yaml", "--dry-run", "t3.xlsx", cwd=work, day=d)
    check("moved columns found by their titles", code == 0 and "    date: 2024-12-02\n" in out
          and "    indicators: {SITES: 6}\n" in out, out + err)


def test_old_format(tmp):
    """A workbook made before indicators existed (no Indicators sheet) still imports."""
    work = os.path.join(tmp, "old")
    os.makedirs(work)
    for f in ("plan.yaml", "progress.yaml", "old-format.CL.xlsx"):
        shutil.copy(os.path.join(HERE, f), work)
    wb = load(os.path.join(work, "old-format.CL.xlsx"))
    eq("old format: its sheets", wb.sheetnames,
       ["About", "Tracker", "Summary", "Timeline", "_workplan", "_lists"])
    expect_import(work, "old-format.CL.xlsx", D1,
                  "old-format.CL.xlsx: 1 update taken, 1 row unchanged, 0 rows refused",
                  "  - activity: RES-01\n    date: 2024-12-20\n    status: delayed\n"
                  "    progress: 30\n    reported_by: CL\n    note: \"Field season moved\"\n")


def test_format1(tmp):
    """A workbook of format 1 (0.2: _indicators a record a row, four cells) still imports."""
    work = os.path.join(tmp, "format1")
    os.makedirs(work)
    for f in ("plan.yaml", "progress.yaml", "format1.CL.xlsx"):
        shutil.copy(os.path.join(HERE, f), work)
    eq("format 1: its hidden sheet", load(os.path.join(work, "format1.CL.xlsx"))
       ["_indicators"]["B8"].value, "81a30ac87c8aa17a")
    code, out, err = run("import", "plan.yaml", "--dry-run", "format1.CL.xlsx", cwd=work, day=D1)
    check("format 1: untouched, nothing taken", code == 0 and out.startswith(
        "format1.CL.xlsx: 0 updates taken, 5 rows unchanged, 0 rows refused"), out + err)
    edit(os.path.join(work, "format1.CL.xlsx"), os.path.join(work, "f1.xlsx"),
         {"I2": 4, "J2": datetime.date(2025, 1, 5)})
    expect_import(work, "f1.xlsx", D1, "f1.xlsx: 1 update taken, 4 rows unchanged, 0 rows refused",
                  "  - activity: RES-01\n    date: 2025-01-05\n    reported_by: CL\n"
                  "    indicators: {SITES: 4}\n")


def test_many(tmp):
    """Enough indicators for _indicators to pack its records into several cells."""
    work = os.path.join(tmp, "many")
    os.makedirs(work)
    shutil.copy(os.path.join(HERE, "progress.yaml"), work)
    with open(os.path.join(HERE, "plan.yaml"), encoding="utf-8") as f:
        text_ = f.read()
    for k in range(150):
        text_ += (f"      - id: GOV-{k:04d}\n        title: Meeting {k}\n        lead: [CL]\n"
                  "        start: 2024\n        end: 2027\n        indicators:\n")
        for name in ("DELEGATES_SENT", "RESOLUTIONS", "DAYS_TO_MINUTES"):
            text_ += f"          - {{id: {name}, text: {name} {k}, target: 10}}\n"
    with open(os.path.join(work, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write(text_)
    code, _, err = run("xlsx", "plan.yaml", "--member", "CL", "-o", "CL.xlsx", cwd=work, day=D0)
    if not check("many: workbook", code == 0, err):
        return
    plan = Plan(os.path.join(work, "plan.yaml"), os.path.join(work, "progress.yaml"))
    check_workbook(os.path.join(work, "CL.xlsx"), plan, "en", "CL", D0)
    # five cells or more, from A7
    check("many: records in several cells", load(os.path.join(work, "CL.xlsx"))
          ["_indicators"].max_row >= 11)
    last = len(plan.rows("CL")) + 1
    edit(os.path.join(work, "CL.xlsx"), os.path.join(work, "m.xlsx"),
         {f"I{last}": 7, f"J{last}": datetime.date(2025, 1, 5)})
    expect_import(work, "m.xlsx", D1, None,
                  "  - activity: GOV-0149\n    date: 2025-01-05\n    reported_by: CL\n"
                  "    indicators: {DAYS_TO_MINUTES: 7}\n")


def test_sample(tmp):
    """The done-when of the issue: the round trip on samples/other-programme.yaml."""
    work = os.path.join(tmp, "sample")
    os.makedirs(work)
    shutil.copy(os.path.join(ROOT, "samples", "other-programme.yaml"),
                os.path.join(work, "plan.yaml"))
    shutil.copy(os.path.join(ROOT, "samples", "other-programme.progress.yaml"),
                os.path.join(work, "progress.yaml"))
    day = datetime.date(2026, 1, 5)
    code, _, err = run("build", "plan.yaml", "-d", "out", "--members", "--lang", "en,es",
                       cwd=work, day=day)
    if not check("sample build --members", code == 0, err):
        return
    plan = Plan(os.path.join(work, "plan.yaml"), os.path.join(work, "progress.yaml"))
    check("sample: measured indicators of both directions, reported and not",
          any(i["target"] < i["baseline"] for _, _, i in plan.inds)
          and any(i["value"] is None for _, _, i in plan.inds)
          and any(i["value"] is not None for _, _, i in plan.inds))
    pid = plan.doc["plan"]["id"]
    for f, lang, member in [(f"{pid}.xlsx", "en", None), (f"{pid}.es.xlsx", "es", None),
                            (f"{pid}.PE.xlsx", "en", "PE"), (f"{pid}.MX.xlsx", "en", "MX")]:
        check_workbook(os.path.join(work, "out", f), plan, lang, member, day)
    rows = plan.rows("PE")
    r = next(k + 2 for k, (_, a, i) in enumerate(rows) if i["value"] is not None
             and i["target"] > i["baseline"] and i["value"] < i["target"])
    ref = f"{rows[r - 2][1]['id']}/{rows[r - 2][2]['id']}"
    aid, iid = ref.split("/")
    new = rows[r - 2][2]["value"] + 2
    edit(os.path.join(work, "out", f"{pid}.PE.xlsx"), os.path.join(work, "PE.xlsx"),
         {f"I{r}": new, f"J{r}": datetime.date(2025, 12, 1)})
    expect_import(work, "PE.xlsx", day, None,
                  f"  - activity: {aid}\n    date: 2025-12-01\n    reported_by: PE\n"
                  f"    indicators: {{{iid}: {num(new)}}}\n")
    # LibreOffice types a value of a lower-is-better indicator into Mexico's workbook
    rows = plan.rows("MX")
    k = next(k for k, (_, a, i) in enumerate(rows) if i["target"] < i["baseline"])
    _, a, ind = rows[k]
    value = ind["target"] + 1
    mx = os.path.join(work, "MX.xlsx")
    if check_lo_recalc(os.path.join(work, "out", f"{pid}.MX.xlsx"), mx,
                       [("Indicators", f"I{k + 2}", "n", num(value)),
                        ("Indicators", f"J{k + 2}", "d", "2025-12-15")],
                       plan, "MX", day, {f"{a['id']}/{ind['id']}": value}):
        expect_import(work, "MX.xlsx", day, None,
                      f"  - activity: {a['id']}\n    date: 2025-12-15\n    reported_by: MX\n"
                      f"    indicators: {{{ind['id']}: {num(value)}}}\n")
    with open(os.path.join(work, "progress.yaml"), encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    check("sample: events stay whole after the appends", len(doc.get("events") or []) >= 1
          and all("date" in e and "title" in e for e in doc["events"]), str(doc.get("events")))
    code, _, err = run("build", "plan.yaml", "-d", "next", "--members", cwd=work,
                       day=datetime.date(2026, 1, 6))
    if check("sample: next build", code == 0, err):
        plan2 = Plan(os.path.join(work, "plan.yaml"), os.path.join(work, "progress.yaml"))
        wb = check_workbook(os.path.join(work, "next", f"{pid}.PE.xlsx"), plan2, "en", "PE",
                            datetime.date(2026, 1, 6))
        eq("sample: the next workbook shows the value", wb["Indicators"][f"I{r}"].value, new)


def test_hostile_texts(tmp):
    """Indicator texts and units that look like formulas are written as text."""
    work = os.path.join(tmp, "hostile")
    os.makedirs(work)
    with open(os.path.join(HERE, "plan.yaml"), encoding="utf-8") as f:
        text_ = f.read()
    text_ = text_.replace("{en: Sites applying the protocol, es: Sitios que aplican el protocolo}",
                          '"=HYPERLINK(\\"http://example.com\\",\\"x\\")"')
    text_ = text_.replace("unit: {en: sites, es: sitios}", 'unit: "+cmd|\' /C calc\'!A0"')
    with open(os.path.join(work, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write(text_)
    out = os.path.join(work, "h.xlsx")
    code, _, err = run("xlsx", "plan.yaml", "-o", out, "--progress", "none", cwd=work, day=D0)
    if check("hostile plan exports", code == 0, err):
        plan = Plan(os.path.join(work, "plan.yaml"), None)
        wb = check_workbook(out, plan, "en", None, D0)
        eq("hostile: formula-looking indicator text", (wb["Indicators"]["C2"].value,
                                                      wb["Indicators"]["C2"].data_type),
           ('=HYPERLINK("http://example.com","x")', "s"))


def test_no_indicators(tmp):
    """The real plan measures nothing: its workbook is as before, without the sheet."""
    out = os.path.join(tmp, "real.xlsx")
    code, _, err = run("xlsx", os.path.join(ROOT, "plan", "workplan.yaml"), "-o", out,
                       day=datetime.date(2025, 1, 1))
    if check("real plan workbook", code == 0, err):
        eq("real plan: no Indicators sheet", load(out).sheetnames,
           ["About", "Tracker", "Summary", "Timeline", "_workplan", "_lists"])


def main():
    tmp = tempfile.mkdtemp(prefix="indicators-")
    try:
        test_fixture(tmp)
        test_old_format(tmp)
        test_format1(tmp)
        test_many(tmp)
        test_sample(tmp)
        test_hostile_texts(tmp)
        test_no_indicators(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"indicators: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
