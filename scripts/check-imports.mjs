// Keeps the layering honest: core <- graph <- extension/webview/cli. Fails when a file imports across the wrong way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rules = [
  { dir: 'src/core', forbid: [/^vscode$/, /\/graph\//, /\/extension\//, /\/cli\//, /^react/, /webview/] },
  { dir: 'src/graph', forbid: [/^vscode$/, /\/extension\//, /\/cli\//, /^react/, /webview/, /^node:/] },
  { dir: 'src/protocol', forbid: [/^vscode$/, /\/extension\//, /\/cli\//, /^react/] },
  { dir: 'src/node', forbid: [/^vscode$/, /\/extension\//, /\/cli\//, /^react/, /webview/, /\/graph\//] },
  { dir: 'src/cli', forbid: [/^vscode$/, /\/extension\//, /webview/] },
  { dir: 'webview', forbid: [/^vscode$/, /\/extension\//, /\/cli\//, /^node:/] },
];
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
function walk(dir, forbid) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { if (name !== 'node_modules') walk(full, forbid); continue; }
    if (!/\.(ts|tsx)$/.test(name) || name.endsWith('.test.ts')) continue;
    const text = readFileSync(full, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (forbid.some((re) => re.test(spec))) problems.push(`${relative(root, full)}: imports '${spec}'`);
    }
    if (/Math\.random\(/.test(text) && /src\/(core|graph)/.test(full)) problems.push(`${relative(root, full)}: uses Math.random; use the seeded generator`);
  }
}
for (const rule of rules) walk(join(root, rule.dir), rule.forbid);
if (problems.length > 0) { console.error('Layering violations:\n' + problems.join('\n')); process.exit(1); }
console.log('imports: layering ok');
