// Smoke test of the packaged extension in a real VS Code: its commands are in the palette, and a .nngraph file
// opens in our custom editor (a visible webview in a tab titled with the file name), not in the text editor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { eventually, withVsCode } from './harness';

const EXPECTED_TITLES = [
  'NN Graph: Auto Layout', 'NN Graph: New Graph…', 'NN Graph: Open as Text', 'NN Graph: Reset Weights',
  'NN Graph: Show Model Summary', 'NN Graph: Step', 'NN Graph: Stop Training', 'NN Graph: Train',
  'NN Graph: Pause Training', 'NN Graph: Resume Training',
];

test('the command palette lists the NN Graph commands', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const titles = await eventually(async () => {
      const listed = await vscode.listCommands('NN Graph:');
      const missing = EXPECTED_TITLES.filter((title) => !listed.includes(title));
      assert.deepEqual(missing, [], `missing from the palette: ${missing.join(', ')} (listed: ${listed.join(' | ')})`);
      return listed;
    }, 60_000, 1_000);
    // "Open in Graph Editor" is only offered while a .nngraph text editor is active (package.json menus).
    assert.ok(!titles.includes('NN Graph: Open in Graph Editor'));
  });
});

test('opening tutorial.nngraph shows the graph editor webview in a tab named after the file', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    const activeTab = vscode.page.locator('.editor-group-container.active .tab.active');
    assert.equal(await activeTab.getAttribute('aria-label'), 'tutorial.nngraph');
    // A custom editor, not the text editor: no Monaco editor in the active group, a webview over it instead.
    assert.equal(await vscode.page.locator('.editor-group-container.active .monaco-editor').count(), 0);
    // The webview of that tab (found by the tab's title) loads its app and shows something.
    const webviewBody = vscode.webview('tutorial.nngraph').locator('body');
    await eventually(async () => {
      const shownText = await webviewBody.innerText({ timeout: 2_000 });
      assert.notEqual(shownText.trim(), '', 'the graph editor webview shows nothing');
    }, 60_000);
    await vscode.screenshot('tutorial-open');
  });
});
