// Rewrites imports that reach into src/core or src/graph from another part so they go through the part's index.ts
// (src/core/node.ts for the core's Node-only file reading), which is what `npm run lint` requires. The import lists
// are kept as they are; when an index does not export a name yet, `npm run check-types` then names it, and the index
// is widened by hand. Usage: node scripts/fix-index-imports.mjs [--dry-run]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const dryRun = process.argv.includes('--dry-run');
const parts = { core: join(root, 'src/core'), graph: join(root, 'src/graph') };
/** Modules of a part that other parts may import: its index, and for the core its Node-only surface. */
const publicModules = { core: ['index', 'node'], graph: ['index'] };
const nodeOnlyCoreModules = [join(parts.core, 'datasets/node')];

function sourceFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** The public module a deep import should go through, or undefined when it is fine as it is. */
function publicTarget(file, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(file), specifier);
  for (const [part, dir] of Object.entries(parts)) {
    if (file.startsWith(dir + '/')) continue;
    if (!target.startsWith(dir + '/')) continue;
    const inside = relative(dir, target);
    if (publicModules[part].includes(inside)) return undefined;
    const module = nodeOnlyCoreModules.includes(target) ? 'node' : 'index';
    let rewritten = relative(dirname(file), join(dir, module));
    if (!rewritten.startsWith('.')) rewritten = `./${rewritten}`;
    return rewritten;
  }
  return undefined;
}

const importRe = /((?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*)(['"])([^'"]+)\2/g;
const namedImportRe = /^import (type )?\{([^}]*)\} from '([^']+)';\n/gm;

/** Names as indented lines of at most 120 characters, each line ending in a comma. */
function wrapped(names) {
  const lines = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + name.length + 2 > 120) { lines.push(line); line = ' '; }
    line += ` ${name},`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Merges the named imports of one module (the rewrites leave several per index) into the first of them. */
function mergeImports(text, specifiers) {
  const byModule = new Map();
  for (const match of text.matchAll(namedImportRe)) {
    const [whole, typeOnly, list, specifier] = match;
    if (!specifiers.has(specifier)) continue;
    const names = list.split(',').map((name) => name.trim()).filter((name) => name.length > 0)
      .map((name) => (typeOnly && !name.startsWith('type ') ? `type ${name}` : name));
    const entry = byModule.get(specifier) ?? { statements: [], names: [] };
    entry.statements.push(whole);
    entry.names.push(...names);
    byModule.set(specifier, entry);
  }
  let merged = text;
  for (const [specifier, { statements, names }] of byModule) {
    if (statements.length < 2) continue;
    const unique = [...new Set(names)].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, ''), 'en', { sensitivity: 'base' }));
    const allTypes = unique.every((name) => name.startsWith('type '));
    const list = allTypes ? unique.map((name) => name.slice(5)) : unique;
    const head = allTypes ? 'import type' : 'import';
    const oneLine = `${head} { ${list.join(', ')} } from '${specifier}';\n`;
    const statement = oneLine.length <= 121 ? oneLine : `${head} {\n${wrapped(list)}\n} from '${specifier}';\n`;
    merged = merged.replace(statements[0], statement);
    for (const extra of statements.slice(1)) merged = merged.replace(extra, '');
  }
  return merged;
}
let changedFiles = 0;
let changedImports = 0;
for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'webview'))]) {
  const text = readFileSync(file, 'utf8');
  const targets = new Set();
  const rewritten = text.replace(importRe, (whole, head, quote, specifier) => {
    const target = publicTarget(file, specifier);
    if (target === undefined) return whole;
    changedImports += 1;
    targets.add(target);
    console.log(`${relative(root, file)}: '${specifier}' -> '${target}'`);
    return `${head}${quote}${target}${quote}`;
  });
  const next = mergeImports(rewritten, targets);
  if (next !== text) {
    changedFiles += 1;
    if (!dryRun) writeFileSync(file, next);
  }
}
console.log(`${dryRun ? 'would rewrite' : 'rewrote'} ${changedImports} imports in ${changedFiles} files`);
