#!/usr/bin/python3
"""Items 11, 12 and 13: what a cell says is read exactly, or the row is refused by name.

11: a Status formula with a cached value is read by that value; without one the row is
    refused, naming the cell (never a silent drop of the status);
12: progress is a plain decimal integer 0-100, a number in a % cell (0.5 -> 50) or "50%"
    text; "0x32", "5e1", "+50", "50.0", "1e2" are refused;
13: `_xHHHH_` (lower-case x) is decoded as ECMA-376 and libxlsxwriter write it; `_X0041_`
    stays literal (an untouched title holding "_X0042_" imports); `_x0000_` stays literal
    and never cuts a note.
"""
import datetime

from reader_lib import (check, done, workdir, cleanup, export, run, progress_bytes, tracker_row,
                        zip_parts, zip_write, set_cell_xml, openpyxl_edit)

DAY = datetime.date(2026, 3, 1)
work = workdir()
path = export(work, "PE.xlsx")
r1, r2, r3 = (tracker_row(path, a) for a in ("ECO-01", "ECO-02", "ECO-03"))
base = zip_parts(path)
before = progress_bytes(work)


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def build(name, cells):
    parts = base
    for ref, xml in cells:
        parts = set_cell_xml(parts, 1, ref, xml)
    zip_write(f"{work}/{name}", parts)


def dry(name):
    return run("import", "plan.yaml", "--dry-run", name, cwd=work, day=DAY)


# 13 first: the untouched workbook, whose ECO-02 title holds "_X0042_", imports quietly
code, out, err = run("import", "plan.yaml", "PE.xlsx", cwd=work, day=DAY)
check("untouched title with _X0042_: exit 0", code == 0, out + err)
check("untouched title with _X0042_: unchanged", out.startswith(
    "PE.xlsx: 0 updates taken, 3 rows unchanged, 0 rows refused") and err == "", out + err)

# 11: formulas in Status
build("cached.xlsx", [(f"H{r1}", f'<c r="H{r1}" t="str"><f>"Ongo"&amp;"ing"</f><v>Ongoing</v></c>'),
                      (f"J{r1}", inline(f"J{r1}", "2026-02-01"))])
code, out, err = dry("cached.xlsx")
check("cached formula value taken", code == 0 and
      "- activity: ECO-01\n    date: 2026-02-01\n    status: ongoing\n" in out, out + err)
build("nocache.xlsx", [(f"H{r1}", f'<c r="H{r1}" t="str"><f>"Ongo"&amp;"ing"</f></c>'),
                       (f"I{r1}", f'<c r="I{r1}"><v>40</v></c>'),
                       (f"J{r1}", inline(f"J{r1}", "2026-02-01"))])
code, out, err = run("import", "plan.yaml", "nocache.xlsx", cwd=work, day=DAY)
check("formula without value: exit 1", code == 1, out + err)
check("formula without value: cell named", f"nocache.xlsx:Tracker!H{r1}: error: 'Status' holds "
      "a formula saved without its value; type the value instead; row not imported"
      in err.splitlines(), err)
check("formula without value: row not taken", out.startswith(
    "nocache.xlsx: 0 updates taken, 2 rows unchanged, 1 row refused"), out)
check("formula without value: nothing written", progress_bytes(work) == before)

# 12: progress
for text in ["0x32", "5e1", "+50", "50.0", "1e2", "50 percent", "101", "-0"]:
    build("p.xlsx", [(f"I{r2}", inline(f"I{r2}", text)), (f"J{r2}", inline(f"J{r2}", "2026-02-01"))])
    code, out, err = dry("p.xlsx")
    check(f"progress {text!r} refused", code == 1 and f"Tracker!I{r2}: error: progress '{text}' is not "
          "a whole number from 0 to 100" in err, out + err)
for xml, want in [(inline(f"I{r2}", "50%"), 50), (inline(f"I{r2}", " 50 % "), 50),
                  (inline(f"I{r2}", "50"), 50), (f'<c r="I{r2}"><v>50</v></c>', 50),
                  (f'<c r="I{r2}" s="999"><v>0.5</v></c>', None)]:
    build("p.xlsx", [(f"I{r2}", xml), (f"J{r2}", inline(f"J{r2}", "2026-02-01"))])
    code, out, err = dry("p.xlsx")
    if want is None:  # an unknown style is no percent: 0.5 is not a whole number
        check("0.5 without a % style refused", code == 1, out + err)
    else:
        check(f"progress {xml} -> {want}", code == 0 and f"progress: {want}\n" in out, out + err)
# a % cell, as a person formats it in a spreadsheet program
openpyxl_edit(path, {("ECO-02", "I"): 0.5, ("ECO-02", "J"): datetime.date(2026, 2, 1)},
              out=f"{work}/pct.xlsx")
import openpyxl  # noqa: E402
wb = openpyxl.load_workbook(f"{work}/pct.xlsx")
wb.worksheets[1][f"I{r2}"].number_format = "0%"
wb.save(f"{work}/pct.xlsx")
code, out, err = dry("pct.xlsx")
check("0.5 in a % cell is 50", code == 0 and "progress: 50\n" in out, out + err)

# 13: escapes in a note
for raw, want in [("A_x0000_B and more", "A_x0000_B and more"),
                  ("_X0041_ stays", "_X0041_ stays"),
                  ("tab_x0009_and _x0041_", "tab\\tand A"),
                  ("kept _x005F_x0041_ literal", "kept _x0041_ literal"),
                  ("kept _x005F_X0041_ too", "kept _X0041_ too"),
                  ("lone _xD800_ surrogate", "lone _xD800_ surrogate")]:
    build("n.xlsx", [(f"L{r3}", inline(f"L{r3}", raw)), (f"J{r3}", inline(f"J{r3}", "2026-02-01"))])
    code, out, err = dry("n.xlsx")
    check(f"note {raw!r}", code == 0 and f'    note: "{want}"\n' in out, out + err)
# a control character decoded from an escape cannot go into the progress file: dropped, with
# a warning naming the cell; importing the workbook again adds nothing
build("ctl.xlsx", [(f"L{r3}", inline(f"L{r3}", "bell_x0007_ rings")),
                   (f"J{r3}", inline(f"J{r3}", "2026-02-01"))])
code, out, err = run("import", "plan.yaml", "ctl.xlsx", cwd=work, day=DAY)
check("control character: warned at the cell", code == 0 and
      f"ctl.xlsx:Tracker!L{r3}: warning: note: invisible control character U+0007 dropped (a "
      "progress file cannot hold it)" in err.splitlines(), out + err)
check("control character: the rest of the note kept",
      progress_bytes(work).decode().endswith('    note: "bell rings"\n'),
      progress_bytes(work).decode()[-300:])
after = progress_bytes(work)
code, out, err = run("import", "plan.yaml", "ctl.xlsx", cwd=work, day=DAY)
check("control character: re-import adds nothing", code == 0 and progress_bytes(work) == after
      and err == "", out + err)
cleanup(work)
done()
