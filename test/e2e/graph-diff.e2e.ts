// The graph diff in VS Code: a change to a git-tracked example, opened from Source Control, shown as two graphs with
// the changed node highlighted and its value old → new; in a light and a dark theme (screenshots for the README).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, prepareWorkspace, withVsCode } from './harness';
import { removeDir } from './tools.mjs';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
}

/** A copy of the examples under git, committed, with the digits model's hidden layer then widened from 64 to 128. */
function changedRepository(): string {
  const dir = prepareWorkspace();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.name=NN Graph tests', '-c', 'user.email=tests@example.invalid', 'add', '.');
  git(dir, '-c', 'user.name=NN Graph tests', '-c', 'user.email=tests@example.invalid', 'commit', '-q', '-m', 'examples');
  const file = join(dir, 'digits.nngraph');
  const text = readFileSync(file, 'utf8');
  assert.equal(text.split('"units": 64').length, 2, 'digits.nngraph has one dense layer of 64 units');
  writeFileSync(file, text.replace('"units": 64', '"units": 128'));
  return dir;
}

for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
  test(`a change opened from Source Control shows as a graph diff (${theme})`, async (t) => {
    const workspace = changedRepository();
    try {
      await withVsCode(t, { workspace, settings: { 'git.enabled': true, 'workbench.colorTheme': theme } }, async (vscode) => {
        const { page } = vscode;
        await page.keyboard.press('Control+Shift+G');
        const change = page.locator('.scm-view .monaco-list-row', { hasText: 'digits.nngraph' });
        await change.first().waitFor({ timeout: 60_000 });
        await change.first().click();
        // The change opens as a diff; its title bar offers the graph diff.
        const button = page.locator('.editor-actions .action-label[aria-label^="Show Graph Diff"]');
        await button.first().waitFor({ timeout: 30_000 });
        await button.first().click();

        const view = vscode.webview('Graph Diff: digits.nngraph');
        const after = view.getByRole('region', { name: /^After: digits\.nngraph/ });
        const hidden = after.locator('.diff-node[data-node-id="hidden"]');
        await eventually(async () => assert.match(await hidden.getAttribute('class') ?? '', /\bdiff-node--changed\b/), 60_000);
        assert.match(await hidden.innerText(), /units: 64 → 128/);
        const before = view.getByRole('region', { name: /^Before: digits\.nngraph/ });
        assert.match(await before.locator('.diff-node[data-node-id="hidden"]').getAttribute('class') ?? '', /\bdiff-node--changed\b/);
        // Nothing else changed: every other node is drawn as unchanged on both sides.
        assert.equal(await view.locator('.diff-node--added, .diff-node--removed').count(), 0);
        assert.equal(await view.locator('.diff-node--changed').count(), 2);
        assert.match(await view.getByRole('region', { name: 'Changes' }).innerText(), /hidden: units: 64 → 128/);
        // The position toggle is a labelled checkbox, reachable and working from the keyboard.
        const toggle = view.getByRole('checkbox', { name: /Show position changes/ });
        await toggle.focus();
        await toggle.press('Space');
        await eventually(async () => assert.equal(await toggle.isChecked(), true));
        await toggle.press('Space');
        await eventually(async () => assert.equal(await toggle.isChecked(), false));
        await vscode.screenshot(`graph-diff-${theme.replace(/\s+/g, '-')}`);
      });
    } finally {
      removeDir(workspace);
    }
  });
}
