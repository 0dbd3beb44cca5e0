"""Edit a workbook in LibreOffice itself, headless, as a person would type.

    lo_edit(src, dst, edits)   edits: [(sheet, cell, kind, text)], kind "n" number,
                               "t" text, "d" input as typed (an ISO date becomes a date)

A Basic macro in a throw-away profile opens src, sets the cells through the
UNO API, recalculates every formula (calculateAll) and stores the result as
.xlsx at dst with LibreOffice's own writer. Returns (ok, message).
"""
import os
import shutil
import subprocess
import tempfile

MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub EditBook(inPath As String, outPath As String, editsPath As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  f = FreeFile
  Open editsPath For Input As #f
  Do While Not EOF(f)
    Line Input #f, ln
    If Len(ln) &gt; 0 Then
      parts = Split(ln, Chr(9))
      c = doc.Sheets.getByName(parts(0)).getCellRangeByName(parts(1))
      If parts(2) = &quot;n&quot; Then
        c.setValue(Val(parts(3)))
      ElseIf parts(2) = &quot;t&quot; Then
        c.setString(parts(3))
      Else
        c.setFormula(parts(3))
      End If
    End If
  Loop
  Close #f
  doc.calculateAll()
  Dim sargs(0) As New com.sun.star.beans.PropertyValue
  sargs(0).Name = &quot;FilterName&quot;
  sargs(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(outPath), sargs())
  doc.close(True)
End Sub
</script:module>
"""
def make_profile(exe, root):
    """A profile LibreOffice made itself (it rewrites a missing one), then our module in it."""
    subprocess.run([exe, f"-env:UserInstallation=file://{root}", "--headless", "--norestore",
                    "--terminate_after_init"], capture_output=True, timeout=240)
    module = os.path.join(root, "user", "basic", "Standard", "Module1.xba")
    if not os.path.exists(module):
        return False
    with open(module, "w", encoding="utf-8") as f:
        f.write(MODULE)
    return True


def lo_edit(src, dst, edits):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return False, "soffice is not installed"
    tmp = tempfile.mkdtemp(prefix="lo-edit-")
    try:
        profile = os.path.join(tmp, "profile")
        if not make_profile(exe, profile):
            return False, "LibreOffice did not make its profile"
        edits_path = os.path.join(tmp, "edits.txt")
        with open(edits_path, "w", encoding="ascii") as f:
            for sheet, cell, kind, text in edits:
                f.write(f"{sheet}\t{cell}\t{kind}\t{text}\n")
        macro = (f'macro:///Standard.Module1.EditBook("{os.path.abspath(src)}",'
                 f'"{os.path.abspath(dst)}","{edits_path}")')
        p = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--norestore", macro], capture_output=True, text=True, timeout=240)
        if not os.path.exists(dst):
            return False, f"LibreOffice wrote nothing (exit {p.returncode}): {p.stderr.strip()}"
        return True, ""
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
