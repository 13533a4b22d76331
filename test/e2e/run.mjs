// `npm run test:e2e`: the extension in a real VS Code (code-server 4.139 = VS Code 1.139, headless Chromium).
//   1. installs Node 24 and code-server into the cache once (tools.mjs), builds and packages nngraph.vsix once;
//   2. runs the integration suite (mocha inside the extension host, runIntegration.mjs);
//   3. runs every test/e2e/**/*.e2e.ts serially with Node's test runner through tsx (UI tests via harness.ts).
// Exits non-zero on any failure and ends with a plain line `e2e: N passed, N failed`.
//
// `npm run test:e2e -- test/e2e/x.e2e.ts ...` runs only those files and skips the integration suite;
// `npm run test:e2e -- --integration-only` runs only the integration suite.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ensureTools, packageExtension, removeDir, repoRoot } from './tools.mjs';
import { runIntegrationSuite } from './runIntegration.mjs';

function collectE2eFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collectE2eFiles(full, out);
    else if (name.endsWith('.e2e.ts')) out.push(relative(repoRoot, full));
  }
  return out;
}

/** Counts from the TAP summary Node's runner writes (`# pass N`, `# fail N`, `# cancelled N`). */
function tapCounts(tapText) {
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tapText)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') };
}

function runE2eFiles(files, packagedVsix) {
  const reportDir = mkdtempSync(join(tmpdir(), 'nngraph-e2e-report-'));
  const tapFile = join(reportDir, 'report.tap');
  console.log(`[e2e] running ${files.length} UI test file(s): ${files.join(', ')}`);
  const result = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NNGRAPH_E2E_VSIX: packagedVsix } });
  let counts = { passed: 0, failed: 0 };
  try { counts = tapCounts(readFileSync(tapFile, 'utf8')); } catch { /* no report: counted below */ }
  removeDir(reportDir);
  // A runner that died (or a file that failed to load) without a failing test still fails the run.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function main() {
  const args = process.argv.slice(2);
  const integrationOnly = args.includes('--integration-only');
  const onlyFiles = args.filter((arg) => !arg.startsWith('--'));
  const files = onlyFiles.length > 0 ? onlyFiles : collectE2eFiles(join(repoRoot, 'test', 'e2e'));
  const totals = { passed: 0, failed: 0 };

  ensureTools();
  const packagedVsix = packageExtension();

  if (onlyFiles.length === 0) {
    console.log('[e2e] integration suite (mocha in the extension host)');
    const integration = await runIntegrationSuite();
    if (integration.error) console.error(`[e2e] ${integration.error}`);
    console.log(`[e2e] integration: ${integration.passes} passed, ${integration.failures} failed`);
    totals.passed += integration.passes;
    totals.failed += integration.failures;
  }

  if (!integrationOnly) {
    if (files.length === 0) {
      console.error('[e2e] no test/e2e/**/*.e2e.ts files found');
      totals.failed += 1;
    } else {
      const counts = runE2eFiles(files, packagedVsix);
      totals.passed += counts.passed;
      totals.failed += counts.failed;
    }
  }

  removeDir(dirname(packagedVsix));
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
