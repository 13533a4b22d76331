// Runs the integration suite (dist/test/index.js, mocha inside the extension host) under code-server, which is what
// @vscode/test-electron does on a desktop. code-server forwards the development options to VS Code's server with
// --vscode-option; a built workbench only honours them with enable-smoke-test-driver, and the browser URL carries
// the same two options as a payload. The extension host's console reaches the page's console, where the suite's
// final line `MOCHA_DONE failures=N passes=M` is read.
//
// Usage: node test/e2e/runIntegration.mjs (after `npm run package` or `node esbuild.mjs`), or through run.mjs.
import { chromium } from 'playwright-core';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM_PATH, chromiumArgs, createStateDirs, ensureTools, freePort, prepareWorkspace, removeDir, repoRoot,
  startCodeServer, writeUserSettings,
} from './tools.mjs';

const DONE_LINE = /MOCHA_DONE failures=(\d+)(?: passes=(\d+))?/;

/**
 * Runs the suite once. Resolves to { failures, passes } from the suite's MOCHA_DONE line, or to
 * { failures: 1, passes: 0, error } when no such line arrives within timeoutMs (the suite hung, or never loaded).
 */
export async function runIntegrationSuite({ timeoutMs = 180_000 } = {}) {
  const testsEntry = join(repoRoot, 'dist', 'test', 'index.js');
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: build first (node esbuild.mjs)`);
  const dirs = createStateDirs();
  const workspaceDir = prepareWorkspace();
  writeUserSettings(dirs, {});
  const port = await freePort();
  const server = await startCodeServer({
    dirs, port,
    extraArgs: [
      '--vscode-option', 'enable-smoke-test-driver',
      '--vscode-option', `extensionDevelopmentPath=${repoRoot}`,
      '--vscode-option', `extensionTestsPath=${testsEntry}`,
    ],
  });
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(testsEntry)],
  ]);
  const url = `${server.url}/?folder=${encodeURIComponent(workspaceDir)}&payload=${encodeURIComponent(payload)}`;

  const consoleLines = [];
  const context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const done = new Promise((resolve) => {
      page.on('console', (message) => {
        const text = message.text();
        consoleLines.push(`[${message.type()}] ${text}`);
        if (process.env.NNGRAPH_E2E_DEBUG) console.log(JSON.stringify(text));
        if (isSuiteOutput(text)) console.log(`  ${cleanConsoleText(text)}`);
        const match = DONE_LINE.exec(text);
        if (match) resolve({ failures: Number(match[1]), passes: Number(match[2] ?? 0) });
      });
    });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({
        failures: 1, passes: 0,
        error: `no MOCHA_DONE line from the extension host within ${timeoutMs / 1000} s`,
      }), timeoutMs);
    });
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    if (result.failures > 0) {
      const folder = saveFailureLogs(consoleLines, dirs.logFile);
      result.error = `${result.error ? `${result.error}; ` : ''}browser console and code-server log saved in ${folder}`;
    }
    return result;
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    removeDir(dirs.root);
    removeDir(workspaceDir);
  }
}

/** Keeps what a failed run leaves behind (its temp folder is removed) under test-results/integration/. */
function saveFailureLogs(consoleLines, codeServerLog) {
  const folder = join(repoRoot, 'test-results', 'integration');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'console.log'), consoleLines.join('\n') + '\n');
  try { copyFileSync(codeServerLog, join(folder, 'code-server.log')); } catch { /* no log written */ }
  return folder;
}

/** The suite marks its own lines (test/integration/index.ts); the rest of the extension host's log is noise here. */
const SUITE_PREFIX = '[nngraph-test] ';

function isSuiteOutput(text) {
  return text.includes(SUITE_PREFIX);
}

function cleanConsoleText(text) {
  return text.slice(text.indexOf(SUITE_PREFIX) + SUITE_PREFIX.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureTools();
  const result = await runIntegrationSuite();
  if (result.error) console.error(result.error);
  console.log(`integration: ${result.passes} passed, ${result.failures} failed`);
  process.exit(result.failures > 0 ? 1 : 0);
}
