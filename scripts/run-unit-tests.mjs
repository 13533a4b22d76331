// Runs every unit test file (test/unit/**/*.test.ts and src/**/*.test.ts) with Node's test runner through tsx.
// Node 20's runner has no glob support, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
function collect(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}
const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...collect(join(root, 'test/unit'), []), ...collect(join(root, 'src'), [])].sort();
if (files.length === 0) { console.error('no unit test files found'); process.exit(1); }
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
