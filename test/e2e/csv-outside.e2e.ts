// Acceptance (issue 10): a CSV data set that is a symbolic link leading out of the workspace gets NG028 on the input
// node, on the canvas and in the Problems panel, Train refuses it, and nothing of the outside file reaches the editor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, withVsCode } from './harness';
import { nodeOnCanvas, openGraph } from './editorSupport';
import { prepareWorkspace, removeDir } from './tools.mjs';

/** A column name only the outside file has: it must never show in the editor (the label drop-down, a message). */
const SECRET = 'SECRETCOLUMN';

test('a CSV linked from outside the workspace gets NG028 on the input node and in Problems, and Train refuses it', async (t) => {
  const outside = mkdtempSync(join(tmpdir(), 'nngraph-outside-'));
  const workspace = prepareWorkspace();
  try {
    writeFileSync(join(outside, 'secret.csv'), `${SECRET},x,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n`);
    symlinkSync(join(outside, 'secret.csv'), join(workspace, 'link.csv'));
    const graph = JSON.parse(readFileSync(join(workspace, 'tutorial.nngraph'), 'utf8')) as { nodes: { type: string; params?: Record<string, unknown> }[] };
    const input = graph.nodes.find((node) => node.type === 'input');
    assert.ok(input, 'the tutorial has an input node');
    input.params = { ...input.params, dataset: { csv: 'link.csv', label: 'label' } };
    writeFileSync(join(workspace, 'leak.nngraph'), `${JSON.stringify(graph, null, 2)}\n`);
    const inputId = (input as { id?: string }).id ?? 'data';

    await withVsCode(t, { workspace }, async (vscode) => {
      const view = await openGraph(vscode, 'leak.nngraph', 2, false);
      const node = nodeOnCanvas(view, inputId);
      await eventually(async () => assert.match(await node.innerText(), /NG028: The CSV path "link\.csv" is a link that leads outside the workspace/), 60_000);
      await eventually(async () => {
        const problems = await vscode.problems();
        assert.ok(problems.some((p) => /link\.csv.*is a link that leads outside the workspace/.test(p)), `problems: ${problems.join(' | ')}`);
      }, 60_000);
      await vscode.runCommand('NN Graph: Train');
      await eventually(async () => assert.match((await vscode.notifications()).join('\n'), /leak\.nngraph was not trained/), 60_000);
      assert.ok(!(await view.locator('body').innerText()).includes(SECRET), 'nothing of the outside file shows in the editor');
      await vscode.screenshot('csv-link-outside');
    });
  } finally {
    removeDir(workspace);
    removeDir(outside);
  }
});
