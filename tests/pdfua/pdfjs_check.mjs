// pdf.js (legacy build, as in node): every page has a structure tree with
// content, and getMarkInfo() says the document is marked.
// Usage: node pdfjs_check.mjs FILE.pdf...   exit 1 on any failure.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, "..", "node", "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs");
const pdfjs = await import(pathToFileURL(lib).href);
createRequire(import.meta.url);

function leaves(node, out) {
  if (!node) return out;
  if (node.type === "content") out.push(node.id);
  for (const k of node.children || []) leaves(k, out);
  return out;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(readFileSync(file));
  const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
  const mark = await doc.getMarkInfo();
  if (!mark || mark.Marked !== true) {
    console.log(`${file}: getMarkInfo().Marked is not true`);
    failed++;
  }
  let empty = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tree = await page.getStructTree();
    if (!tree || leaves(tree, []).length === 0) {
      console.log(`${file}: page ${p} has no structure tree content`);
      empty++;
    }
  }
  if (empty) failed++;
  else console.log(`${file}: pdf.js: ${doc.numPages} pages, each with a structure tree; Marked`);
  await doc.destroy();
}
process.exit(failed ? 1 : 0);
