// pdf.js (legacy build, as in node) reads a booklet with warnings on: prints the
// text of every page to stdout, and exits 1 when pdf.js warned about anything
// (a font it could not load, a glyph it could not map, a broken object).
// Usage: node pdfjs_text.mjs FILE.pdf > text
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, "..", "node", "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs");
const warnings = [];
const log = console.log;
console.log = (...a) => warnings.push(a.join(" "));
console.warn = console.log;
const pdfjs = await import(pathToFileURL(lib).href);
const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 1, useSystemFonts: false }).promise;
let out = "";
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent();
  for (const item of content.items) out += item.str + (item.hasEOL ? "\n" : "");
  out += "\n";
  // drawing the page's operators loads every font: a font pdf.js rejects warns here
  await page.getOperatorList();
}
process.stdout.write(out);
if (warnings.length) {
  process.stderr.write(warnings.join("\n") + "\n");
  process.exit(1);
}
