#!/usr/bin/python3
"""Item 15: workbooks really saved by other programs import: exactly their edits, or nothing.

For LibreOffice (`soffice --convert-to xlsx`), ExcelJS and SheetJS (node, tests/node) and
Gnumeric (`ssconvert`):
- the exported workbook re-saved untouched imports with nothing taken and no diagnostic;
- a workbook edited (status, progress, date, note; with the library itself for ExcelJS and
  SheetJS, with openpyxl and then re-saved by the program for LibreOffice and Gnumeric)
  yields exactly those edits.
A program that is missing or fails is a failure, never a skip.
"""
import datetime
import os
import shutil
import subprocess
import tempfile

from reader_lib import (check, done, workdir, cleanup, export, run, progress_bytes, tracker_row,
                        openpyxl_edit, yaml_items, HERE)

DAY = datetime.date(2026, 3, 1)
NOTE = "Réunion à Lima – 2ª fase & \"next\" <steps>"


def soffice(src, out):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not check("soffice installed", exe is not None):
        return False
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    outdir = tempfile.mkdtemp(prefix="lo-out-")
    try:
        p = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir,
                            src], capture_output=True, text=True, timeout=240)
        got = os.path.join(outdir, os.path.basename(src))
        ok = check("soffice re-save", p.returncode == 0 and os.path.exists(got),
                   p.stdout + p.stderr)
        if ok:
            shutil.move(got, out)
        return ok
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(outdir, ignore_errors=True)


def soffice_macro(src, out, edits):
    """Edits cells with LibreOffice itself (a Basic macro, clients_lo_edit.xba) and saves."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not check("soffice installed", exe is not None):
        return False
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    env = f"-env:UserInstallation=file://{profile}"
    try:
        # a first run makes the profile, whose Standard library then gets the macro
        subprocess.run([exe, env, "--headless", "--terminate_after_init"], capture_output=True,
                       timeout=240)
        module = os.path.join(profile, "user", "basic", "Standard", "Module1.xba")
        if not check("LibreOffice profile made", os.path.exists(module)):
            return False
        shutil.copy(os.path.join(HERE, "clients_lo_edit.xba"), module)
        spec = "\x1e".join(f"{ref}\x1f{kind}\x1f{value}" for ref, (kind, value) in edits.items())
        p = subprocess.run([exe, env, "--headless",
                            f'macro:///Standard.Module1.Edit("{src}","{out}","{spec}")'],
                           capture_output=True, text=True, timeout=240)
        return check("LibreOffice macro edit", p.returncode == 0 and os.path.exists(out),
                     p.stdout + p.stderr)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def ssconvert(src, out):
    exe = shutil.which("ssconvert")
    if not check("ssconvert installed", exe is not None):
        return False
    p = subprocess.run([exe, "--export-type=Gnumeric_Excel:xlsx2", src, out],
                       capture_output=True, text=True, timeout=240)
    return check("ssconvert re-save", p.returncode == 0 and os.path.exists(out), p.stderr)


def node(client, src, out, edits=None):
    import json
    args = ["node", os.path.join(HERE, "clients_resave.js"), client, src, out, "Tracker"]
    if edits:
        args.append(json.dumps(edits))
    p = subprocess.run(args, capture_output=True, text=True, timeout=240)
    return check(f"{client} re-save", p.returncode == 0 and os.path.exists(out), p.stderr)


def expect_nothing(work, name, label):
    before = progress_bytes(work)
    code, out, err = run("import", "plan.yaml", name, cwd=work, day=DAY)
    check(f"{label} untouched: exit 0", code == 0, out + err)
    check(f"{label} untouched: nothing taken",
          out.startswith(f"{name}: 0 updates taken, 3 rows unchanged, 0 rows refused"), out + err)
    check(f"{label} untouched: no diagnostic", err == "", err)
    check(f"{label} untouched: file unchanged", progress_bytes(work) == before)


WANT = [
    {"activity": "ECO-01", "date": "2026-02-01", "status": "ongoing", "progress": "40",
     "reported_by": "PE", "note": '"Réunion à Lima – 2ª fase & \\"next\\" <steps>"'},
    {"activity": "ECO-03", "date": "2026-02-03", "status": "completed", "progress": "100",
     "reported_by": "PE"},
]


def expect_edits(work, name, label, want=WANT):
    code, out, err = run("import", "plan.yaml", "--dry-run", name, cwd=work, day=DAY)
    check(f"{label} edited: exit 0", code == 0, out + err)
    check(f"{label} edited: summary",
          out.startswith(f"{name}: {len(want)} update{'s' if len(want) > 1 else ''} taken, "
                         f"{3 - len(want)} row{'s' if len(want) < 2 else ''} unchanged, "
                         "0 rows refused"), out + err)
    got = yaml_items(out.split("# would append to progress.yaml:")[-1])
    check(f"{label} edited: exactly the edits", got == want, f"{got}\n{err}")
    check(f"{label} edited: no diagnostic", err == "", err)


# the plan's ECO-02 title holds "_X0042_", which SheetJS 0.18.5 would decode were it not
# written protected as "_x005F_X0042_": every client must give it back as it was
work = workdir()
src = export(work, "PE.xlsx")
r1, r3 = tracker_row(src, "ECO-01"), tracker_row(src, "ECO-03")
edits = {f"H{r1}": "Ongoing", f"I{r1}": 40, f"J{r1}": {"date": "2026-02-01"}, f"L{r1}": NOTE,
         f"H{r3}": "Completed", f"I{r3}": 100, f"J{r3}": {"date": "2026-02-03"}}


def openpyxl_edits(out):
    openpyxl_edit(src, {("ECO-01", "H"): "Ongoing", ("ECO-01", "I"): 40,
                        ("ECO-01", "J"): datetime.date(2026, 2, 1), ("ECO-01", "L"): NOTE,
                        ("ECO-03", "H"): "Completed", ("ECO-03", "I"): 100,
                        ("ECO-03", "J"): datetime.date(2026, 2, 3)}, out=out)


for label in ("exceljs", "sheetjs"):
    if node(label, src, f"{work}/{label}.xlsx"):
        expect_nothing(work, f"{label}.xlsx", label)
    if node(label, src, f"{work}/{label}-edit.xlsx", edits):
        expect_edits(work, f"{label}-edit.xlsx", label)

for label, resave in (("libreoffice", soffice), ("gnumeric", ssconvert)):
    if resave(src, f"{work}/{label}.xlsx"):
        expect_nothing(work, f"{label}.xlsx", label)
    openpyxl_edits(f"{work}/{label}-src.xlsx")
    if resave(f"{work}/{label}-src.xlsx", f"{work}/{label}-edit.xlsx"):
        expect_edits(work, f"{label}-edit.xlsx", label)
# LibreOffice editing the cells itself (as a person would), then saving as xlsx
lo_edits = {f"H{r1}": ("s", "Delayed"), f"I{r1}": ("n", "15"), f"J{r1}": ("d", "2026-02-05"),
            f"L{r1}": ("s", "Reunión en Lima, 2ª fase")}
if soffice_macro(src, f"{work}/lo-macro.xlsx", lo_edits):
    expect_edits(work, "lo-macro.xlsx", "LibreOffice macro", [
        {"activity": "ECO-01", "date": "2026-02-05", "status": "delayed", "progress": "15",
         "reported_by": "PE", "note": '"Reunión en Lima, 2ª fase"'}])
cleanup(work)
done()
