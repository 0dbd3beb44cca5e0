#!/usr/bin/python3
"""Items 9, 15 (content types) and 18 (import messages): the zip and its declarations.

- two zip entries of one name (any ASCII case) are refused: this reader and a spreadsheet
  program would see different parts;
- "macro-enabled" is the main part's content type or a real vbaProject part, never a
  `Default Extension="bin"` declaration (SheetJS writes one in every file);
- a zip bomb's size is given in MiB/GiB; a directory given as WORKBOOK is exit 3;
  every failure is one `FILE: error: message` line and a summary.
"""
import os
import re
import struct

from reader_lib import (check, done, workdir, cleanup, export, run, progress_bytes, zip_parts,
                        zip_write, part, replace_part)

work = workdir()
path = export(work, "PE.xlsx", member="CL")
parts = zip_parts(path)
before = progress_bytes(work)
DIAG = re.compile(r"^[^:]+: (error|warning): [a-z_'\"A-Z0-9].*[^.]$")


def refused(name, want, code_want=1):
    code, out, err = run("import", "plan.yaml", name, cwd=work)
    lines = err.splitlines()
    check(f"{name}: exit {code_want}", code == code_want, f"exit {code}\n{out}{err}")
    check(f"{name}: message", lines[:1] == [f"{name}: error: {want}"], err)
    check(f"{name}: diagnostic form", len(lines) == 2 and DIAG.match(lines[0]) and
          lines[1] == "import: 1 error, 0 warnings", err)
    check(f"{name}: nothing written", progress_bytes(work) == before)


# 9: the same entry twice; a second Tracker part saying something else
sheet = "xl/worksheets/sheet2.xml"
other = part(parts, sheet).replace(b"Planned", b"Completed")
zip_write(f"{work}/dup.xlsx", parts + [(sheet, other)])
refused("dup.xlsx", f"refused workbook: zip entry '{sheet}' is given twice")
zip_write(f"{work}/dupcase.xlsx", parts + [(sheet.upper().replace("XL/", "xl/"), other)])
refused("dupcase.xlsx", "refused workbook: zip entry 'xl/WORKSHEETS/SHEET2.XML' is given twice")
zip_write(f"{work}/dupslash.xlsx", parts + [("/" + sheet, other)])
refused("dupslash.xlsx", f"refused workbook: zip entry '/{sheet}' is given twice")

# 15: declarations are no macros; a real part or a macro-enabled main part is
ct = part(parts, "[Content_Types].xml")
sheetjs = ct.replace(b"<Default ", b'<Default Extension="bin" ContentType="application/'
                     b'vnd.ms-office.vbaProject"/><Default ', 1)
zip_write(f"{work}/sheetjs.xlsx", replace_part(parts, "[Content_Types].xml", sheetjs))
code, out, err = run("import", "plan.yaml", "sheetjs.xlsx", cwd=work)
check("Default bin declaration accepted", code == 0 and
      out.startswith("sheetjs.xlsx: 0 updates taken"), out + err)
override = ct.replace(b"</Types>", b'<Override PartName="/xl/vbaProject.bin" ContentType='
                      b'"application/vnd.ms-office.vbaProject"/></Types>')
zip_write(f"{work}/decl.xlsx", replace_part(parts, "[Content_Types].xml", override))
code, out, err = run("import", "plan.yaml", "decl.xlsx", cwd=work)
check("an Override naming no part is no macro", code == 0, out + err)
zip_write(f"{work}/vba.xlsx", replace_part(parts, "[Content_Types].xml", override) +
          [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")])
refused("vba.xlsx", "refused workbook with macros (it has 'xl/vbaProject.bin'); save it as .xlsx")
xlsm = ct.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                  b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
zip_write(f"{work}/main.xlsx", replace_part(parts, "[Content_Types].xml", xlsm))
refused("main.xlsx", "refused macro-enabled workbook (.xlsm); save it as .xlsx")

# 18: a bomb that declares 4 GiB in its central directory
zip_write(f"{work}/bomb.xlsx", parts)
data = bytearray(open(f"{work}/bomb.xlsx", "rb").read())
pos = 0
while (i := data.find(b"PK\x01\x02", pos)) >= 0:
    nlen = struct.unpack("<H", data[i + 28:i + 30])[0]
    if data[i + 46:i + 46 + nlen] == sheet.encode():
        struct.pack_into("<I", data, i + 24, 4294000000)
    pos = i + 4
with open(f"{work}/bomb.xlsx", "wb") as f:
    f.write(data)
code, out, err = run("import", "plan.yaml", "bomb.xlsx", cwd=work)
check("bomb: size in GiB", err.splitlines()[:1] ==
      ["bomb.xlsx: error: refused workbook: it unpacks to 4.0 GiB, over the limit of 64 MiB"], err)
check("bomb: no byte count", "4295" not in err, err)

# 18: a directory is an input/output failure
os.mkdir(f"{work}/folder.xlsx")
refused("folder.xlsx", "cannot read file: Is a directory", code_want=3)
code, out, err = run("import", "plan.yaml", "folder.xlsx", cwd=work)
check("directory: said on stdout", out == "folder.xlsx: not read\n", out)
cleanup(work)
done()
