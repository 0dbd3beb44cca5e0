// Re-saves a workbook with a real spreadsheet library, optionally editing cells first:
//   node clients_resave.js exceljs|sheetjs IN OUT SHEET [EDITS_JSON]
// EDITS_JSON: {"H3": "Ongoing", "I3": 40, "J3": {"date": "2026-02-01"}}. Dates are written
// as each library writes a date a person picks. Used by clients_roundtrip.py (issue 10, 15).
"use strict";
const path = require("path");
const mods = path.join(__dirname, "..", "node", "node_modules");
const [, , client, input, output, sheetName, editsJson] = process.argv;
const edits = editsJson ? JSON.parse(editsJson) : {};

function serial(iso) {
    const ms = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
    return ms / 86400000 + 25569;
}

async function exceljs() {
    const ExcelJS = require(path.join(mods, "exceljs"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const ws = wb.getWorksheet(sheetName);
    if (!ws) throw new Error(`no sheet ${sheetName}`);
    for (const [ref, v] of Object.entries(edits)) {
        const cell = ws.getCell(ref);
        cell.value = v && v.date ? new Date(v.date + "T00:00:00Z") : v;
    }
    await wb.xlsx.writeFile(output);
}

function sheetjs() {
    const XLSX = require(path.join(mods, "xlsx"));
    const wb = XLSX.readFile(input, { cellNF: true, cellStyles: true });
    const ws = wb.Sheets[sheetName];
    if (!ws) throw new Error(`no sheet ${sheetName}`);
    for (const [ref, v] of Object.entries(edits)) {
        if (v && v.date) ws[ref] = { t: "n", v: serial(v.date), z: "yyyy-mm-dd" };
        else if (typeof v === "number") ws[ref] = { t: "n", v };
        else ws[ref] = { t: "s", v };
    }
    XLSX.writeFile(wb, output, { bookType: "xlsx" });
}

(async () => {
    if (client === "exceljs") await exceljs();
    else if (client === "sheetjs") sheetjs();
    else throw new Error(`unknown client ${client}`);
})().catch((e) => {
    console.error(e.stack || String(e));
    process.exit(1);
});
