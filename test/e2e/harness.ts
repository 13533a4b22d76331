/**
 * E2E harness: drives the real VS Code workbench (code-server 4.139 = VS Code 1.139) in headless Chromium with
 * playwright-core, with our packaged extension (nngraph.vsix) installed. Tests are `test/e2e/**\/*.e2e.ts`, run by
 * `npm run test:e2e` (serially, with Node's test runner through tsx). Run a subset while iterating:
 *   npm run test:e2e -- test/e2e/editor.e2e.ts          (packages once, skips the integration suite)
 *
 * Typical test:
 *   import { test } from 'node:test';
 *   import * as assert from 'node:assert/strict';
 *   import { withVsCode, eventually } from './harness';
 *
 *   test('training shows a loss', async (t) => {
 *     await withVsCode(t, {}, async (vscode) => {
 *       await vscode.openFile('tutorial.nngraph');             // opens in our custom editor
 *       await vscode.webview('tutorial.nngraph').getByRole('button', { name: 'Train' }).click();
 *       await eventually(async () => assert.match(await vscode.webview('Training').locator('body').innerText(), /loss/));
 *     });
 *   });
 *
 * What a session is: a fresh code-server (own user-data, extensions and XDG folders in a temp dir, bound to
 * 127.0.0.1 on a free port, no auth), the vsix installed with --install-extension, user settings that keep it quiet
 * (no startup editor, telemetry off, no update checks, workspace trust off unless `trust: true`), and a fresh
 * Chromium profile. The workspace is a temp copy of examples/ unless `workspace` names a folder (that folder is
 * opened as it is and changed in place: pass `prepareWorkspace(yourFixtureDir)` to get a throwaway copy).
 *
 * Webviews: `webview(title)` finds a visible webview by the title of what shows it: the editor tab label (a file
 * name, e.g. 'tutorial.nngraph') or the view / panel title (e.g. 'Training'). Without a title: the webview in the
 * active editor group, else the first visible one. The result is the inner document (`#active-frame`), so use
 * roles and accessible names from there. It is a lazy FrameLocator: it resolves on each use, so it survives tab
 * switches and webview reloads.
 *
 * Failures: `withVsCode` saves a screenshot, the browser console and code-server's log under
 * test-results/<test name>/ when the test throws. Nothing asserts on wall-clock time; waits are bounded polling.
 */
import * as assert from 'node:assert/strict';
import { chromium, selectors, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  CHROMIUM_PATH, chromiumArgs, createStateDirs, ensureTools, freePort, installVsix, packageExtension, prepareWorkspace,
  removeDir, repoRoot, startCodeServer, writeUserSettings, type CodeServer, type StateDirs,
} from './tools.mjs';
import { WEBVIEW_SELECTOR_ENGINE } from './webviewSelector.mjs';

export { prepareWorkspace };

export interface VsCodeOptions {
  /** Folder to open, used in place. Default: a fresh temp copy of examples/ (removed on close). */
  workspace?: string;
  /** Leave workspace trust enabled (the workspace starts untrusted: restricted mode). Default false. */
  trust?: boolean;
  /** Extra user settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Names the folder under test-results/ for screenshots; withVsCode passes the test name. */
  label?: string;
}

export interface VsCodeSession {
  page: Page;
  /** Absolute path of the opened workspace folder. */
  workspaceDir: string;
  /**
   * Runs a command by its palette title ('NN Graph: Train'), retrying until the extension has registered it. Use it
   * where the palette is what the test is about; for set-up, `execute` is deterministic.
   */
  runCommand(title: string): Promise<void>;
  /**
   * Runs a command by its id through a keybinding the session binds for it (see SETUP_KEYBINDINGS): one key press,
   * no list to filter, so it holds on a busy machine. Returns once the key is pressed: wait on the state it changes.
   */
  execute(commandId: SetupCommand): Promise<void>;
  /** Maximizes or restores the bottom panel, and waits until the workbench shows it so. */
  setPanelMaximized(maximized: boolean): Promise<void>;
  /** Shows or hides the bottom panel, and waits until the workbench shows it so. */
  setPanelVisible(visible: boolean): Promise<void>;
  /** Titles of the command palette rows for a query ('NN Graph'), as the palette shows them. */
  listCommands(prefix: string): Promise<string[]>;
  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab. */
  openFile(relativePath: string): Promise<void>;
  /** The inner document of a visible webview (see the header comment). */
  webview(title?: string): FrameLocator;
  /** Messages of the notification toasts now on screen. */
  notifications(): Promise<string[]>;
  /** Opens the Problems panel and returns its problem rows (accessible labels: severity, message, line, source). */
  problems(): Promise<string[]>;
  /** Reads a workspace file from disk (what was saved, not the editor buffer). */
  readFile(relativePath: string): Promise<string>;
  /** Saves a full-page screenshot as test-results/<label>/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  /** Browser console lines seen so far (for debugging and failure reports). */
  consoleLog(): string[];
  /** Closes Chromium, stops code-server with its whole process group, removes temp folders. Safe to call twice. */
  close(): Promise<void>;
}

const WORKBENCH_TIMEOUT_MS = 60_000;
const COMMAND_REGISTRATION_TIMEOUT_MS = 60_000;

/**
 * Commands the tests run as set-up, each bound to a chord nothing else uses, written into the session's
 * keybindings.json. Typing into the palette and picking a row from its virtualized list is slow and can misfire when
 * the machine is busy; a key press reaches the keybinding service in one event.
 */
const SETUP_KEYBINDINGS = {
  'workbench.action.files.save': 'ctrl+alt+shift+f1',
  'workbench.action.closeActiveEditor': 'ctrl+alt+shift+f2',
  'workbench.action.closeAllEditors': 'ctrl+alt+shift+f3',
  'workbench.action.splitEditorRight': 'ctrl+alt+shift+f4',
  'workbench.action.toggleMaximizedPanel': 'ctrl+alt+shift+f5',
  'workbench.action.togglePanel': 'ctrl+alt+shift+f6',
  'workbench.actions.view.problems': 'ctrl+alt+shift+f7',
  'nngraph.trainingView.focus': 'ctrl+alt+shift+f8',
  'nngraph.train': 'ctrl+alt+shift+f9',
  'nngraph.step': 'ctrl+alt+shift+f10',
  'nngraph.stopTraining': 'ctrl+alt+shift+f11',
  'nngraph.resetWeights': 'ctrl+alt+shift+f12',
  'nngraph.autoLayout': 'ctrl+alt+shift+1',
  'nngraph.showModelSummary': 'ctrl+alt+shift+2',
} as const;
export type SetupCommand = keyof typeof SETUP_KEYBINDINGS;

/** 'ctrl+alt+shift+f1' as Playwright names the keys: 'Control+Alt+Shift+F1'. */
function playwrightChord(chord: string): string {
  const names: Record<string, string> = { ctrl: 'Control', alt: 'Alt', shift: 'Shift' };
  return chord.split('+').map((part) => names[part] ?? (/^f\d+$/.test(part) ? part.toUpperCase() : part)).join('+');
}

function writeSetupKeybindings(dirs: StateDirs): void {
  const userDir = join(dirs.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  const bindings = Object.entries(SETUP_KEYBINDINGS).map(([command, key]) => ({ key, command }));
  writeFileSync(join(userDir, 'keybindings.json'), JSON.stringify(bindings, null, 2));
}
export const resultsRoot = join(repoRoot, 'test-results');

let packagedVsixInThisProcess: string | undefined;
/** Each open session's state folders, so a failure report can include code-server's log. */
const stateDirsBySession = new WeakMap<VsCodeSession, StateDirs>();
let selectorRegistered = false;

/**
 * The vsix to install: run.mjs packages once for the whole run and passes its copy in NNGRAPH_E2E_VSIX; a test file
 * run on its own packages here, once per process.
 */
function packagedVsix(): string {
  const fromRunner = process.env.NNGRAPH_E2E_VSIX;
  if (fromRunner) return fromRunner;
  if (packagedVsixInThisProcess === undefined) {
    const vsix = packageExtension();
    process.once('exit', () => removeDir(dirname(vsix)));
    packagedVsixInThisProcess = vsix;
  }
  return packagedVsixInThisProcess;
}

async function ensureSelectorEngine(): Promise<void> {
  if (selectorRegistered) return;
  await selectors.register('nngraph-webview', WEBVIEW_SELECTOR_ENGINE);
  selectorRegistered = true;
}

/** A folder name for test-results/ from a test name. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'session';
}

/** Polls `check` until it stops throwing (returns its value) or the time is up (rethrows its last error). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts code-server with the packaged extension and opens the workspace in Chromium; ready when the explorer shows. */
export async function startVsCode(options: VsCodeOptions = {}): Promise<VsCodeSession> {
  ensureTools({ quiet: true });
  const vsix = packagedVsix();
  await ensureSelectorEngine();
  const label = safeName(options.label ?? `session-${process.pid}-${Date.now()}`);
  const ownsWorkspace = options.workspace === undefined;
  const workspaceDir = resolve(options.workspace ?? prepareWorkspace());
  const dirs = createStateDirs();
  const trustSettings = options.trust === true
    // Trust on, without the startup modal: the folder opens untrusted, in restricted mode, as a test of it needs.
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
    : { 'security.workspace.trust.enabled': false };
  writeUserSettings(dirs, { ...trustSettings, ...options.settings });
  writeSetupKeybindings(dirs);
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  const consoleLines: string[] = [];
  try {
    installVsix(dirs, vsix);
    server = await startCodeServer({ dirs, port: await freePort(), trust: options.trust === true });
    context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs, viewport: { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspaceDir)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
    return createSession({ page, context, server, dirs, workspaceDir, ownsWorkspace, label, consoleLines });
  } catch (error) {
    const page = context?.pages()[0];
    await saveArtifacts({ label, page, consoleLines, dirs }).catch(() => {});
    await context?.close().catch(() => {});
    await server?.stop();
    removeDir(dirs.root);
    if (ownsWorkspace) removeDir(workspaceDir);
    throw error;
  }
}

interface SessionParts {
  page: Page;
  context: BrowserContext;
  server: CodeServer;
  dirs: StateDirs;
  workspaceDir: string;
  ownsWorkspace: boolean;
  label: string;
  consoleLines: string[];
}

function createSession(parts: SessionParts): VsCodeSession {
  const { page, workspaceDir, label, consoleLines } = parts;
  let closed = false;
  const session: VsCodeSession = {
    page,
    workspaceDir,
    runCommand: (title) => runCommand(page, title),
    execute: (commandId) => execute(page, commandId),
    setPanelMaximized: (maximized) => setPanelState(page, 'maximized', maximized),
    setPanelVisible: (visible) => setPanelState(page, 'visible', visible),
    listCommands: (prefix) => listCommands(page, prefix),
    openFile: (relativePath) => openFile(page, relativePath),
    webview: (title) => page.locator(`nngraph-webview=${title ?? ''}`).first().contentFrame().locator('#active-frame').contentFrame(),
    notifications: () => notifications(page),
    problems: () => problems(page),
    readFile: async (relativePath) => readFileSync(join(workspaceDir, relativePath), 'utf8'),
    screenshot: async (name) => {
      const path = join(resultsRoot, label, `${safeName(name)}.png`);
      mkdirSync(join(resultsRoot, label), { recursive: true });
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    consoleLog: () => [...consoleLines],
    close: async () => {
      if (closed) return;
      closed = true;
      await parts.context.close().catch(() => {});
      await parts.server.stop();
      removeDir(parts.dirs.root);
      if (parts.ownsWorkspace) removeDir(workspaceDir);
    },
  };
  stateDirsBySession.set(session, parts.dirs);
  return session;
}

/** The part of node:test's TestContext the harness uses (the class itself is not exported by @types/node 20). */
export interface TestLike {
  readonly name: string;
  diagnostic(message: string): void;
}

/** The few DOM members read inside the page (the TypeScript program here has no DOM types). */
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

/**
 * Runs fn with a fresh session and always closes it. When fn throws, saves a screenshot, the browser console and
 * code-server's log under test-results/<test name>/ before rethrowing.
 */
export async function withVsCode(
  t: TestLike,
  options: VsCodeOptions,
  fn: (session: VsCodeSession) => Promise<void>,
): Promise<void> {
  const label = safeName(t.name);
  removeDir(join(resultsRoot, label)); // artifacts of an earlier run would mislead
  const session = await startVsCode({ ...options, label });
  try {
    await fn(session);
  } catch (error) {
    const folder = await saveArtifacts({
      label, page: session.page, consoleLines: session.consoleLog(), dirs: stateDirsBySession.get(session),
    }).catch(() => '');
    if (folder) t.diagnostic(`screenshot and console log saved in ${folder}`);
    throw error;
  } finally {
    await session.close();
  }
}

async function saveArtifacts(artifacts: {
  label: string; page?: Page; consoleLines: string[]; dirs?: StateDirs;
}): Promise<string> {
  const folder = join(resultsRoot, artifacts.label);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'console.log'), artifacts.consoleLines.join('\n') + '\n');
  if (artifacts.dirs) {
    try { writeFileSync(join(folder, 'code-server.log'), readFileSync(artifacts.dirs.logFile, 'utf8')); } catch { /* no log */ }
  }
  if (artifacts.page && !artifacts.page.isClosed()) {
    await artifacts.page.screenshot({ path: join(folder, 'failure.png'), fullPage: true, timeout: 10_000 });
  }
  return folder;
}

// ----------------------------------------------------------------------------------------------------------------
// Workbench interactions
// ----------------------------------------------------------------------------------------------------------------

const quickInput = '.quick-input-widget';
const quickInputRows = '.quick-input-widget .quick-input-list .monaco-list-row';

/** A palette row matches a title when its label is the title, optionally followed by ", <keybinding or note>". */
function rowMatches(ariaLabel: string | null, title: string): boolean {
  return ariaLabel !== null && (ariaLabel === title || ariaLabel.startsWith(`${title},`));
}

async function openQuickInput(page: Page, key: 'F1' | 'Control+P'): Promise<void> {
  await closeQuickInput(page);
  for (let attempt = 1; ; attempt++) {
    // Keys pressed while a webview has focus go to its iframe, where the workbench may not see them: hand focus
    // back to the workbench first (a string expression, because this TypeScript program has no DOM types).
    await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
    await page.keyboard.press(key);
    try {
      await page.locator(quickInput).waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`${key} did not open the quick input after ${attempt} tries`, { cause: error });
    }
  }
}

async function closeQuickInput(page: Page): Promise<void> {
  if (await page.locator(quickInput).isVisible()) {
    await page.keyboard.press('Escape');
    await page.locator(quickInput).waitFor({ state: 'hidden' });
  }
}

/** Labels of the palette rows once the list has settled on a query (as it was at the end, if it never settles). */
async function quickInputLabels(page: Page): Promise<string[]> {
  const read = async (): Promise<string[]> =>
    (await page.locator(quickInputRows).evaluateAll((rows) => rows.map((row) => (row as unknown as PageElement).getAttribute('aria-label') ?? '')))
      .filter((label) => label !== '');
  // The list fills asynchronously: wait until two consecutive reads agree on a list that is not empty.
  let previous = '';
  try {
    return await eventually(async () => {
      const labels = await read();
      const current = labels.join('\n');
      const settled = current !== '' && current === previous;
      previous = current;
      if (!settled) throw new Error('the palette list is still filling');
      return labels;
    }, 3_000, 150);
  } catch {
    return read();
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  // On a fresh profile the extension may not have registered its commands yet ("No matching commands"): the palette
  // is closed and asked again until the command's row is there and focused.
  await eventually(async () => {
    await openQuickInput(page, 'F1');
    await page.keyboard.type(title);
    const labels = await quickInputLabels(page);
    const index = labels.findIndex((label) => rowMatches(label, title));
    // Move the palette's focus to the matching row with the keyboard (a click on a row of the virtualized list can
    // land on a row that is being re-rendered), and check the focused row is the one.
    if (index >= 0 && await focusPaletteRow(page, index, title)) return;
    await closeQuickInput(page);
    throw new Error(`command "${title}" not found in the palette; rows were: ${labels.join(' | ') || '(none)'}`);
  }, COMMAND_REGISTRATION_TIMEOUT_MS, 1_000);
  await page.keyboard.press('Enter');
  // A command that opens its own quick pick keeps the widget open: wait for our row to leave, not the widget.
  await eventually(async () => {
    const focused = await page.locator(`${quickInputRows}.focused`).first().getAttribute('aria-label', { timeout: 500 }).catch(() => null);
    if (rowMatches(focused, title) && await page.locator(quickInput).isVisible()) throw new Error(`"${title}" still in the palette`);
  }, 10_000, 100);
}

/** Presses ArrowDown until the palette's focused row is the given title; false when it cannot be reached. */
async function focusPaletteRow(page: Page, index: number, title: string): Promise<boolean> {
  const focusedLabel = () => page.locator(`${quickInputRows}.focused`).first().getAttribute('aria-label', { timeout: 1_000 }).catch(() => null);
  for (let presses = 0; presses <= index + 2; presses++) {
    if (rowMatches(await focusedLabel(), title)) return true;
    await page.keyboard.press('ArrowDown');
  }
  return rowMatches(await focusedLabel(), title);
}

async function execute(page: Page, commandId: SetupCommand): Promise<void> {
  await closeQuickInput(page);
  // A key pressed while a webview has focus goes to its iframe: hand focus back to the workbench first, and check it
  // stayed there, since a webview that is still loading takes the focus when it is ready.
  await eventually(async () => {
    const focusInFrame = await page.evaluate(`new Promise((resolveFocus) => {
      const active = document.activeElement;
      if (active && active.blur) active.blur();
      let frames = 0;
      const tick = () => {
        if (++frames < 3) { requestAnimationFrame(tick); return; }
        resolveFocus(!!document.activeElement && document.activeElement.tagName === 'IFRAME');
      };
      requestAnimationFrame(tick);
    })`);
    assert.equal(focusInFrame, false, 'the focus stays in a webview');
  }, 10_000, 100);
  await page.keyboard.press(playwrightChord(SETUP_KEYBINDINGS[commandId]));
}

/** The bottom panel as the workbench lays it out now: shown at all, and maximized (the editor area hidden). */
async function panelState(page: Page): Promise<{ visible: boolean; maximized: boolean }> {
  const visible = await page.locator('.monaco-workbench .part.panel').first().isVisible();
  const editorShown = await page.locator('.monaco-workbench .part.editor').first().isVisible();
  return { visible, maximized: visible && !editorShown };
}

/**
 * Toggles the panel until `which` is `wanted`, checking the state after each toggle: a toggle whose key press came
 * while the workbench was still busy is seen as not taken and pressed again, never twice by mistake.
 */
async function setPanelState(page: Page, which: 'visible' | 'maximized', wanted: boolean): Promise<void> {
  const toggle: SetupCommand = which === 'visible' ? 'workbench.action.togglePanel' : 'workbench.action.toggleMaximizedPanel';
  for (let attempt = 1; ; attempt++) {
    if ((await panelState(page))[which] === wanted) return;
    await execute(page, toggle);
    const reached = await eventually(async () => {
      if ((await panelState(page))[which] !== wanted) throw new Error(`panel ${which} is not ${wanted}`);
      return true;
    }, 10_000, 100).catch(() => false);
    if (reached) return;
    if (attempt === 3) throw new Error(`the panel did not become ${wanted ? '' : 'un'}${which} after ${attempt} toggles`);
  }
}

async function listCommands(page: Page, prefix: string): Promise<string[]> {
  await openQuickInput(page, 'F1');
  await page.keyboard.type(prefix);
  const labels = await quickInputLabels(page);
  await closeQuickInput(page);
  return labels
    .filter((label) => label !== 'No matching commands')
    .map((label) => label.replace(/, (recently used|similar commands|other commands|[A-Z][a-z]+\+.*)$/, ''));
}

async function openFile(page: Page, relativePath: string): Promise<void> {
  const fileName = relativePath.split('/').pop() ?? relativePath;
  const tab = page.locator(`.tabs-container .tab[aria-label^="${cssString(fileName)}"]`).first();
  // A file a test has just written may not be in Quick Open's index yet: ask again until it is. The file's own row is
  // clicked, not Enter pressed: while the search is still running, the focused row can be another file (seen under
  // load: Enter reopened the active tutorial.nngraph instead of the new tutorial-endless.nngraph).
  const deadline = Date.now() + WORKBENCH_TIMEOUT_MS;
  for (;;) {
    await openQuickInput(page, 'Control+P');
    await page.keyboard.type(relativePath);
    const row = page.locator(quickInputRows).filter({ hasText: fileName }).first();
    const found = await row.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (found && await row.click({ timeout: 5_000 }).then(() => true, () => false)) {
      await page.locator(quickInput).waitFor({ state: 'hidden' });
      if (await tab.waitFor({ timeout: 15_000 }).then(() => true, () => false)) return;
    }
    if (Date.now() > deadline) throw new Error(`Quick Open never opened ${relativePath}`);
    if (await page.locator(quickInput).isVisible()) await closeQuickInput(page);
  }
}

async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast .notification-list-item-message')
    .evaluateAll((nodes) => nodes.map((node) => ((node as unknown as PageElement).textContent ?? '').trim()));
}

async function problems(page: Page): Promise<string[]> {
  await execute(page, 'workbench.actions.view.problems');
  await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
  const rows = page.locator('.markers-panel .monaco-list-row');
  // File rows group the problems ("2 problems in file x.nngraph of folder ."); only the problems are returned.
  const labels = await rows.evaluateAll((nodes) => nodes.map((node) => (node as unknown as PageElement).getAttribute('aria-label') ?? ''));
  return labels.filter((label) => label !== '' && !/^\d+ problems? in file /.test(label));
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
