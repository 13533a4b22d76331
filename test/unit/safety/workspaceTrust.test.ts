// Workspace Trust, on the host's own code: in Restricted Mode the gate refuses with a "Manage Workspace Trust" action
// that opens the trust editor, and the editor reads no CSV (the graph still edits); once trust is granted both work at
// the next call, with no reload. The UI test (test/e2e/trust.e2e.ts) shows the refusal and the trust editor in VS Code.
import '../protocol/fakeVscode';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUri, fakeVscode, recorded } from '../protocol/fakeVscode';
import { manageTrustAction, requireWorkspaceTrust } from '../../../src/extension/workspaceTrust';
import { datasetContextOf } from '../../../src/extension/editor/documentAnalysis';

const folder = mkdtempSync(join(tmpdir(), 'nngraph-trust-'));
after(() => rmSync(folder, { recursive: true, force: true }));

interface Warning { message: string; items: string[] }
const warnings: Warning[] = [];
let answer: string | undefined;
const host = fakeVscode as unknown as {
  workspace: { isTrusted: boolean; getConfiguration?: unknown };
  window: { showWarningMessage?: (message: string, ...items: string[]) => Promise<string | undefined> };
};
host.window.showWarningMessage = async (message, ...items) => {
  warnings.push({ message, items });
  return answer;
};
host.workspace.getConfiguration = () => ({ get: <T>(_key: string, fallback: T): T => fallback });

const refusal = 'NN Graph trains only in a trusted workspace (training reads data files and runs code on your machine).';

test('Restricted Mode: the gate refuses with Manage Workspace Trust, which opens the trust editor', async () => {
  host.workspace.isTrusted = false;
  warnings.length = 0;
  answer = undefined;
  assert.equal(await requireWorkspaceTrust(refusal), false);
  assert.deepEqual(warnings, [{ message: refusal, items: [manageTrustAction] }]);
  const commandsBefore = recorded.commands.length;
  answer = manageTrustAction;
  assert.equal(await requireWorkspaceTrust(refusal), false, 'opening the trust editor does not itself grant trust');
  assert.deepEqual(recorded.commands.slice(commandsBefore), [['workbench.trust.manage']]);
});

test('once trust is granted the same gate lets the command run at its next call, without a reload and without a word', async () => {
  host.workspace.isTrusted = false;
  assert.equal(await requireWorkspaceTrust(refusal), false);
  host.workspace.isTrusted = true;
  warnings.length = 0;
  assert.equal(await requireWorkspaceTrust(refusal), true);
  assert.deepEqual(warnings, []);
});

test('the editor reads no CSV in Restricted Mode, and reads it once trust is granted', async () => {
  writeFileSync(join(folder, 'points.csv'), 'x,y,label\n1,2,a\n3,4,b\n');
  const graph = JSON.stringify({
    format: 'nngraph', version: 1,
    nodes: [{ id: 'data', type: 'input', params: { dataset: { csv: 'points.csv', label: 'label' } } }],
    edges: [],
  });
  const document = { uri: FakeUri.file(join(folder, 'g.nngraph')), getText: () => graph } as unknown as Parameters<typeof datasetContextOf>[0];
  host.workspace.isTrusted = false;
  assert.deepEqual(await datasetContextOf(document), {}, 'nothing read, nothing reported: the graph still edits');
  host.workspace.isTrusted = true;
  const trusted = await datasetContextOf(document);
  assert.deepEqual(trusted.datasetInfo?.featureNames, ['x', 'y'], JSON.stringify(trusted));
  console.log(`workspace trust: refused untrusted, ran trusted; CSV header read only once trusted (${trusted.datasetInfo?.featureNames?.join(', ')})`);
});
