// The graph editor in a real VS Code (code-server): creating, editing, checking, undoing and syncing .nngraph files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, withVsCode } from './harness';
import { chooseOption, closeActiveEditor, lineDiff, nodeOnCanvas, openGraph, openTextBesideGraph, setNumberField, startAskingCommand, showWholeGraph } from './editorSupport';

interface FileNode { id: string; type: string; position: { x: number; y: number }; params: Record<string, unknown> }
interface FileGraph { nodes: FileNode[]; edges: Array<{ from: string; to: string }> }

test('New Graph with the tutorial template opens the editor with its six nodes wired', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await startAskingCommand(vscode, 'NN Graph: New Graph…');
    const quickInput = vscode.page.locator('.quick-input-widget');
    await quickInput.getByRole('option', { name: /Binary classifier \(tutorial\)/ }).click();
    const nameBox = quickInput.getByRole('textbox');
    await eventually(async () => assert.equal(await nameBox.inputValue(), 'binary-classifier.nngraph'));
    await nameBox.fill('my-model');
    await nameBox.press('Enter');
    const view = vscode.webview('my-model.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 6));
    const saved = JSON.parse(await vscode.readFile('my-model.nngraph')) as FileGraph;
    assert.deepEqual(saved.nodes.map((n) => n.id), ['data', 'hidden', 'relu', 'out', 'prob', 'loss']);
    assert.equal(saved.edges.length, 6);
    await vscode.screenshot('new-graph');
  });
});

test('adding a dense node from the palette, wiring it and setting its units changes only the expected lines', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const before = await vscode.readFile('tutorial.nngraph');
    await vscode.openFile('tutorial.nngraph');
    const view = vscode.webview('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await view.getByRole('button', { name: 'Add Dense node' }).click();
    await eventually(async () => assert.equal(await view.getByRole('textbox', { name: 'id', exact: true }).inputValue(), 'dense_1'));
    await chooseOption(view, 'in from', 'relu.out');
    await eventually(async () => assert.equal(await view.locator('.react-flow__edge').count(), 7));
    await setNumberField(view, 'units', '32');
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'dense_1').innerText(), /units 32/));
    await vscode.execute('workbench.action.files.save');
    const after = await eventually(async () => {
      const text = await vscode.readFile('tutorial.nngraph');
      assert.match(text, /"units": 32/);
      return text;
    });
    const graph = JSON.parse(after) as FileGraph;
    const added = graph.nodes.find((n) => n.id === 'dense_1');
    assert.deepEqual(added && { type: added.type, params: added.params }, { type: 'dense', params: { units: 32 } });
    assert.deepEqual(graph.edges.at(-1), { from: 'relu.out', to: 'dense_1.in' });
    const diff = lineDiff(before, after);
    // Only the former last node and last edge lose their place as last (they gain a comma); the rest is new lines.
    for (const line of diff.removed) assert.ok(['    }', '    { "from": "data.labels", "to": "loss.labels" }'].includes(line), `changed: ${line}`);
    const expectedNew = ['{', '"id": "dense_1",', '"type": "dense",', `"position": { "x": ${added?.position.x}, "y": ${added?.position.y} },`,
      '"params": {', '"units": 32', '}', '},', '{ "from": "data.labels", "to": "loss.labels" },', '{ "from": "relu.out", "to": "dense_1.in" }'];
    for (const line of diff.added) assert.ok(expectedNew.includes(line.trim()), `unexpected new line: ${line}`);
    assert.ok(diff.added.length <= 11, `too many new lines: ${diff.added.join('\n')}`);
    await vscode.screenshot('dense-added');
  });
});

test('a shape error shows on the node and in the Problems panel, and fixing it clears both', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'spiral.nngraph', 6, false);
    await showWholeGraph(view);
    await nodeOnCanvas(view, 'probs').click();
    await chooseOption(view, 'fn', 'sigmoid');
    const lossNode = nodeOnCanvas(view, 'loss');
    await eventually(async () => assert.match(await lossNode.locator('.graph-node').getAttribute('class') ?? '', /graph-node--error/));
    await eventually(async () => assert.match(await lossNode.innerText(), /NG031/));
    await vscode.screenshot('shape-error');
    await eventually(async () => {
      const problems = await vscode.problems();
      assert.ok(problems.some((p) => /softmax/i.test(p) && /loss/.test(p)), `problems: ${problems.join(' | ')}`);
    });
    await chooseOption(view, 'fn', 'softmax');
    await eventually(async () => assert.doesNotMatch(await lossNode.locator('.graph-node').getAttribute('class') ?? '', /graph-node--error/));
    await eventually(async () => {
      const problems = await vscode.problems();
      assert.ok(!problems.some((p) => /softmax/i.test(p) && /loss/.test(p)), `problems: ${problems.join(' | ')}`);
    });
  });
});

test('Ctrl+Z and Ctrl+Shift+Z undo and redo; save, close and reopen gives the identical graph', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    await vscode.openFile('tutorial.nngraph');
    const view = vscode.webview('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    await nodeOnCanvas(view, 'hidden').click();
    await setNumberField(view, 'units', '42');
    const hidden = nodeOnCanvas(view, 'hidden');
    await eventually(async () => assert.match(await hidden.innerText(), /units 42/));
    await hidden.click();
    await vscode.page.keyboard.press('Control+z');
    await eventually(async () => assert.match(await hidden.innerText(), /units 10/));
    await vscode.page.keyboard.press('Control+Shift+z');
    await eventually(async () => assert.match(await hidden.innerText(), /units 42/));
    await vscode.execute('workbench.action.files.save');
    const saved = await eventually(async () => {
      const text = await vscode.readFile('tutorial.nngraph');
      assert.match(text, /"units": 42/);
      return text;
    });
    const shown = async () => Promise.all((JSON.parse(saved) as FileGraph).nodes.map(async (n) => nodeOnCanvas(view, n.id).innerText()));
    const before = await shown();
    await closeActiveEditor(vscode, 'tutorial.nngraph');
    await vscode.openFile('tutorial.nngraph');
    await eventually(async () => assert.equal(await view.locator('.react-flow__node').count(), 6), 60_000);
    assert.deepEqual(await shown(), before);
    assert.equal(await vscode.readFile('tutorial.nngraph'), saved);
  });
});

test('editing the file in a text editor beside the graph updates the graph', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const view = await openGraph(vscode, 'tutorial.nngraph', 6);
    await openTextBesideGraph(vscode, 6);
    await vscode.page.keyboard.press('Control+h');
    await vscode.page.keyboard.type('"units": 10');
    await vscode.page.keyboard.press('Tab');
    await vscode.page.keyboard.type('"units": 64');
    await vscode.page.keyboard.press('Control+Alt+Enter');
    await eventually(async () => assert.match(await nodeOnCanvas(view, 'hidden').innerText(), /units 64/), 5_000, 100);
    await vscode.screenshot('text-beside-graph');
  });
});

test('a file that cannot be shown gets a message and stays byte-identical', async (t) => {
  await withVsCode(t, {}, async (vscode) => {
    const broken = '{ "format": "nngraph", "version": 1, "nodes": [\n';
    const future = '{"format":"nngraph","version":7,"nodes":[],"edges":[]}';
    writeFileSync(join(vscode.workspaceDir, 'broken.nngraph'), broken);
    writeFileSync(join(vscode.workspaceDir, 'future.nngraph'), future);
    for (const [name, text, reason] of [['broken.nngraph', broken, /not valid JSON/], ['future.nngraph', future, /version 7, newer/]] as const) {
      await vscode.openFile(name);
      const view = vscode.webview(name);
      await eventually(async () => assert.match(await view.getByRole('alert').innerText(), reason), 60_000);
      assert.equal(await view.getByRole('button', { name: 'Open as Text' }).count(), 1);
      await vscode.screenshot(`unreadable-${name}`);
      await closeActiveEditor(vscode, name);
      assert.equal(await vscode.readFile(name), text);
    }
  });
});
