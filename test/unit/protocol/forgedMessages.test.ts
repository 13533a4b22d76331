// Forged messages sent to the REAL handlers: the graph editor provider's and the Training view's onDidReceiveMessage
// on the host, the training worker's port handler, and the host's handler of the worker's messages. Each forged
// message (nested 5,000 deep, oversized arrays, strings and objects, unknown types) is dropped and logged without a
// throw and without acting; a valid message sent after them still works, so the handler is alive and was reached.
import './fakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { FakeUri, recorded } from './fakeVscode';
import { GraphEditorProvider } from '../../../src/extension/editor/graphEditorProvider';
import { TrainingViewProvider } from '../../../src/extension/training/trainingViewProvider';
import type { TrainingService } from '../../../src/extension/training/trainingService';
import { WorkerHost } from '../../../src/extension/training/workerHost';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, moonsGraph, startOptionsFor } from '../training/helpers';

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** JSON text nested `depth` levels around `leaf`, alternating arrays and objects (built as text: no recursion). */
function nestedJson(depth: number, leaf = '1'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 === 0 ? '[' : '{"a":';
    close = (i % 2 === 0 ? ']' : '}') + close;
  }
  return open + leaf + close;
}

/** What a webview can send, forged, as JSON text: VS Code serializes webview messages as JSON. */
const forgedFromWebview: Array<[string, string]> = [
  ['a setParam value nested 5,000 deep', `{"type":"edit","intent":{"kind":"setParam","nodeId":"a","path":["x"],"value":${nestedJson(5000)}}}`],
  ['a message nested 5,000 deep', nestedJson(5000, '{"type":"ready"}')],
  ['200,000 node ids', JSON.stringify({ type: 'edit', intent: { kind: 'deleteElements', nodeIds: Array.from({ length: 200_000 }, (_, i) => `n${i}`), edges: [] } })],
  ['a 2 MB string', JSON.stringify({ type: 'edit', intent: { kind: 'setName', name: 'x'.repeat(2_000_000) } })],
  ['a dataset of 20,000 keys', JSON.stringify({ type: 'edit', intent: { kind: 'setDataset', nodeId: 'a', dataset: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])) } })],
  ['an unknown type', '{"type":"runScript","script":"rm -rf /"}'],
  ['an unknown command', '{"type":"runCommand","command":"workbench.action.terminal.new"}'],
];

function fakeWebview(): { webview: vscode.Webview; send(raw: unknown): Promise<void>; posted: unknown[] } {
  let handler: ((raw: unknown) => unknown) | undefined;
  const posted: unknown[] = [];
  const webview = {
    options: {}, html: '', cspSource: 'vscode-resource:',
    asWebviewUri: (uri: FakeUri) => uri,
    postMessage: async (message: unknown) => { posted.push(message); return true; },
    onDidReceiveMessage: (listener: (raw: unknown) => unknown) => { handler = listener; return { dispose: () => undefined }; },
  };
  return {
    webview: webview as unknown as vscode.Webview,
    posted,
    send: async (raw) => {
      assert.ok(handler, 'the provider did not subscribe to onDidReceiveMessage');
      await handler(raw);
    },
  };
}

test('the graph editor provider drops and logs forged messages, then still runs a valid one', async () => {
  const warnings: string[] = [];
  const log = { warn: (line: string) => warnings.push(line), trace: () => undefined } as unknown as vscode.LogOutputChannel;
  const { webview, send } = fakeWebview();
  const panel = { webview, onDidDispose: () => ({ dispose: () => undefined }) } as unknown as vscode.WebviewPanel;
  const document = { uri: FakeUri.file('/work/g.nngraph'), getText: () => '{}' } as unknown as vscode.TextDocument;
  new GraphEditorProvider(FakeUri.file('/ext') as unknown as vscode.Uri, log).resolveCustomTextEditor(document, panel);
  recorded.commands.length = 0;
  recorded.appliedEdits = 0;
  for (const [name, message] of forgedFromWebview) {
    const before = warnings.length;
    await send(JSON.parse(message));
    assert.equal(warnings.length, before + 1, `${name}: not logged`);
    assert.match(warnings[warnings.length - 1], /^Dropped a message from the graph editor of g\.nngraph: /, name);
    console.log(`  editor host, ${name}: ${warnings[warnings.length - 1].slice(0, 140)}`);
  }
  assert.match(warnings[0], /nested deeper than 64 levels/);
  assert.match(warnings[2], /an array of 200000 items/);
  assert.deepEqual(recorded.commands, [], 'a forged message ran a command');
  assert.equal(recorded.appliedEdits, 0, 'a forged message edited the document');
  await send({ type: 'runCommand', command: 'undo' });
  assert.deepEqual(recorded.commands, [['undo']]);
});

test('the Training view provider drops and logs forged messages, then still handles a valid one', async () => {
  const warnings: string[] = [];
  const stopped: number[] = [];
  const service = {
    stopRun: (runId: number) => stopped.push(runId),
    broadcaster: { addSink: () => () => undefined, acknowledged: () => undefined, replayAll: () => undefined },
    history: { clearFinished: () => undefined },
  } as unknown as TrainingService;
  const { webview, send } = fakeWebview();
  const view = { webview, onDidDispose: () => ({ dispose: () => undefined }) } as unknown as vscode.WebviewView;
  new TrainingViewProvider(FakeUri.file('/ext') as unknown as vscode.Uri, service, (line) => warnings.push(line)).resolveWebviewView(view);
  const forged: Array<[string, string]> = [
    ...forgedFromWebview,
    ['a run id nested 5,000 deep', `{"type":"stop","runId":${nestedJson(5000, '3')}}`],
    ['a stop without a run id', '{"type":"stop"}'],
  ];
  for (const [name, message] of forged) {
    const before = warnings.length;
    await send(JSON.parse(message));
    assert.equal(warnings.length, before + 1, `${name}: not logged`);
    assert.match(warnings[warnings.length - 1], /^NN Graph: dropped a message from the Training view: /, name);
  }
  assert.deepEqual(stopped, [], 'a forged message stopped a run');
  await send({ type: 'stop', runId: 7 });
  assert.deepEqual(stopped, [7]);
});

/** Lines the worker writes to stderr, collected until `until` matches or the worker exits. */
function stderrLines(worker: Worker): string[] {
  const lines: string[] = [];
  let partial = '';
  worker.stderr.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  return lines;
}

test('the training worker drops and logs forged host messages, then still trains on a valid start', async () => {
  const worker = new Worker(await buildWorker(), { stderr: true });
  const lines = stderrLines(worker);
  const messages: WorkerToHostMessage[] = [];
  const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
  worker.on('message', (message: WorkerToHostMessage) => messages.push(message));
  const start = { type: 'start', runId: 9, ...startOptionsFor(moonsGraph(1), { maxSteps: 2 }), stopFlag: new SharedArrayBuffer(4) };
  const forged: unknown[] = [
    // Structured cloning itself refuses a few thousand levels, so 1,000 is about the deepest a sender can forge.
    { ...start, spec: nested(1000) },
    nested(1000, { type: 'stop' }),
    { ...start, training: { ...start.training, metrics: Array.from({ length: 5_000_000 }, () => 0) } },
    { type: 'start', runId: 9, spec: {}, training: {} },
    { type: 'launch' },
    'stop',
  ];
  for (const message of forged) worker.postMessage(message);
  worker.postMessage(start);
  const code = await exited;
  const drops = lines.filter((line) => line.startsWith('NN Graph training worker: dropped a message from the host: '));
  for (const line of drops) console.log(`  worker, ${line.slice(0, 140)}`);
  assert.equal(drops.length, forged.length, lines.join('\n'));
  assert.match(drops[0], /nested deeper than 32 levels/);
  assert.equal(code, 0);
  assert.ok(messages.some((m) => m.type === 'finished' && m.runId === 9), 'the valid start after the forged ones did not train');
});

test('the host drops and logs forged worker messages and still takes the valid ones', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-forging-worker-'));
  const script = join(folder, 'forger.js');
  writeFileSync(script, `
    const { parentPort } = require('node:worker_threads');
    const nested = (depth) => { let v = 1; for (let i = 0; i < depth; i++) v = [v]; return v; };
    parentPort.once('message', () => {
      parentPort.postMessage({ type: 'ready', runId: 1, info: nested(1000) });
      parentPort.postMessage({ type: 'progress', runId: 1, batches: {}, epochs: [] });
      parentPort.postMessage({ type: 'failed', runId: 1, message: 'x'.repeat(20000000) });
      parentPort.postMessage({ type: 'hijack', runId: 1 });
      parentPort.postMessage({ type: 'failed', message: 'no run id' });
      parentPort.postMessage({ type: 'failed', runId: 1, message: 'the real end' });
    });
  `);
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (line: string) => { warnings.push(line); };
  try {
    const received: WorkerToHostMessage[] = [];
    const run = new WorkerHost(script, { ...startOptionsFor(moonsGraph(1)), runId: 1 }, {
      onMessage: (message) => received.push(message),
      onExit: () => undefined,
    });
    await run.done;
    assert.deepEqual(received, [{ type: 'failed', runId: 1, message: 'the real end' }]);
    assert.equal(warnings.length, 5, warnings.join('\n'));
    for (const line of warnings) assert.match(line, /^NN Graph: dropped a message from the training worker: /);
    assert.match(warnings[0], /nested deeper than 32 levels/);
  } finally {
    console.warn = originalWarn;
  }
});
