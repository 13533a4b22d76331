// `npm run test:vscode`: the integration suite (dist/test/index.js) in desktop VS Code through @vscode/test-electron,
// for people with a desktop and network access to VS Code's download site. It cannot run on the project's CI
// machines (that site is out of reach there); `npm run test:e2e` runs the same suite inside code-server instead.
//
// Which VS Code: NNGRAPH_VSCODE_EXECUTABLE=/path/to/code (an installed VS Code) when set, otherwise
// @vscode/test-electron downloads the latest stable build into .vscode-test/ (git-ignored).
// The suite needs Node's require(esm) in the extension host (mocha 12), which VS Code 1.101 and later have.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareWorkspace, removeDir, repoRoot } from '../e2e/tools.mjs';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const workspaceDir = prepareWorkspace();
const userDataDir = mkdtempSync(join(tmpdir(), 'nngraph-vscode-user-'));
let exitCode = 0;
try {
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'dist', 'test', 'index.js'),
    vscodeExecutablePath: process.env.NNGRAPH_VSCODE_EXECUTABLE || undefined,
    // Only our extension, a fresh profile, and the temp copy of examples/ as the workspace.
    launchArgs: [workspaceDir, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userDataDir],
  });
} catch (error) {
  console.error(`integration suite failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  removeDir(workspaceDir);
  removeDir(userDataDir);
}
process.exit(exitCode);
