// Parses Mermaid files with Mermaid's own parser, the one GitHub renders
// with, under jsdom (Mermaid needs a DOM only for sanitising). No browser.
//   node .ci/mermaid/parse.mjs FILE...   exit 0 when every file parses
import fs from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const result = await mermaid.parse(text);
    console.log(`${file}: ok (${result.diagramType})`);
  } catch (e) {
    console.error(`${file}: ${e?.message ?? e}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
