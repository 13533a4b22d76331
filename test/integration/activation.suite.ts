// The extension activates in a real extension host and registers every command its manifest contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension, contributedCommands } from './extensionUnderTest';

const EXPECTED_COMMANDS = [
  'nngraph.newGraph', 'nngraph.openAsText', 'nngraph.openInGraphEditor', 'nngraph.autoLayout',
  'nngraph.showModelSummary', 'nngraph.train', 'nngraph.trainWithPytorch', 'nngraph.step', 'nngraph.stopTraining',
  'nngraph.pauseTraining', 'nngraph.resumeTraining', 'nngraph.resetWeights',
  'nngraph.showGraphDiff', 'nngraph.export', 'nngraph.importModel',
];

export function defineActivationTests(): void {
  suite('activation', () => {
    test('the extension activates', async () => {
      const extension = await activatedExtension();
      assert.equal(extension.isActive, true);
    });

    test(`the manifest contributes exactly the ${EXPECTED_COMMANDS.length} nngraph commands`, async () => {
      const extension = await activatedExtension();
      assert.deepEqual([...contributedCommands(extension)].sort(), [...EXPECTED_COMMANDS].sort());
    });

    test(`all ${EXPECTED_COMMANDS.length} nngraph commands are registered`, async () => {
      await activatedExtension();
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = EXPECTED_COMMANDS.filter((command) => !registered.has(command));
      assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
    });
  });
}
