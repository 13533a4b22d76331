// `npm start`: builds and packages the extension, then opens the product on examples/.
//   - With VS Code's `code` command on the PATH: a VS Code window running the extension from this repo
//     (--extensionDevelopmentPath), on examples/.
//   - Otherwise (or with --browser): VS Code in the browser via code-server (the e2e suite's cached install),
//     with nngraph.vsix installed into a persistent profile under the cache. Prints the URL and stays up until
//     Ctrl-C. NNGRAPH_PORT picks the port (default: 3131 if free, else any free port).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  cacheRoot, createStateDirs, ensureTools, freePort, installVsix, packageExtension, removeDir, repoRoot,
  startCodeServer, writeUserSettings,
} from '../test/e2e/tools.mjs';

const examplesDir = join(repoRoot, 'examples');
const preferBrowser = process.argv.includes('--browser');

function hasCodeOnPath() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const requested = Number(process.env.NNGRAPH_PORT ?? '');
  if (Number.isInteger(requested) && requested > 0) return requested;
  return (await portIsFree(3131)) ? 3131 : freePort();
}

function openInDesktopVsCode() {
  console.log(`Opening ${examplesDir} in VS Code with the extension from ${repoRoot}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, examplesDir], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function openInCodeServer(packagedVsix) {
  ensureTools();
  // A profile that persists between runs (settings, layout, trust), separate from the e2e tests' throwaway ones.
  const dirs = createStateDirs(join(cacheRoot, 'start-profile'));
  // The quiet defaults are written once; after that the settings are the user's own.
  if (!existsSync(join(dirs.userDataDir, 'User', 'settings.json'))) writeUserSettings(dirs, {});
  installVsix(dirs, packagedVsix);
  removeDir(dirname(packagedVsix));
  const port = await choosePort();
  const server = await startCodeServer({ dirs, port });
  const url = `${server.url}/?folder=${encodeURIComponent(examplesDir)}`;
  console.log(`\nNN Graph is running in VS Code in the browser:\n\n  ${url}\n\n(code-server log: ${dirs.logFile})`);
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    if (stopping) return;
    console.error(`code-server stopped on its own (exit code ${code}); see ${dirs.logFile}`);
    process.exit(1);
  });
}

const packagedVsix = packageExtension();
if (!preferBrowser && hasCodeOnPath()) {
  removeDir(dirname(packagedVsix)); // the desktop window runs the extension from this folder, not the vsix
  openInDesktopVsCode();
} else {
  await openInCodeServer(packagedVsix);
}
