// Looks at the graph editor: the tutorial graph drawn with its six nodes and shape labels, and the inspector.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { eventually, withVsCode } from './harness';

test('the tutorial graph shows its six nodes, shapes on the wires and the inspector', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    const view = vscode.webview('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await vscode.screenshot('tutorial-graph');
    await view.locator('.react-flow__node[data-id="hidden"]').click();
    await eventually(async () => assert.match(await view.getByRole('complementary', { name: 'Inspector' }).innerText(), /units/));
    await vscode.screenshot('tutorial-inspector');
    // Keys typed in the inspector's controls stay there: Backspace in a drop-down does not delete the node.
    await view.getByRole('combobox', { name: 'init', exact: true }).press('Backspace');
    await view.getByRole('spinbutton', { name: 'units', exact: true }).press('Delete');
    await vscode.page.waitForTimeout(500);
    assert.equal(await view.locator('.react-flow__node').count(), 6);
    // The strict policy must not block anything the editor needs (styles, fonts, scripts).
    assert.deepEqual(vscode.consoleLog().filter((line) => /Content Security Policy|Refused to/.test(line)), []);
  });
});

for (const theme of ['Default Dark Modern', 'Default High Contrast']) {
  test(`the graph editor follows the ${theme} theme`, async (t) => {
    await withVsCode(t, { settings: { 'workbench.colorTheme': theme } }, async (vscode) => {
      await vscode.openFile('spiral.nngraph');
      const view = vscode.webview('spiral.nngraph');
      await eventually(async () => assert.ok(await view.locator('.react-flow__node').count() > 5), 60_000);
      await eventually(async () => assert.match(await view.locator('.react-flow').getAttribute('class') ?? '', /\bdark\b/));
      await view.locator('.react-flow__node[data-id="logits"]').click();
      await vscode.screenshot(`spiral-${theme.replace(/\s+/g, '-')}`);
    });
  });
}
