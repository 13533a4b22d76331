// Acceptance: the extension host's event loop stays responsive while a 784 → 128 → 10 model trains. This runs the
// host side exactly as the extension does (RunController → RunHistory → PanelBroadcaster, with panel messages
// serialized as VS Code does for a webview) in plain Node, minus the vscode API calls, which cost the same whether a
// run is going or not. Plain Node rather than the extension host because the extension host shares its event loop
// with every other extension, whose work would be measured too; here only our host-side code is on the loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PanelBroadcaster } from '../../../src/extension/training/panelBroadcaster';
import { RunController } from '../../../src/extension/training/runController';
import { RunHistory } from '../../../src/extension/training/runHistory';
import { buildWorker, graphText, startOptionsFor } from './helpers';

test('the host event loop never stalls 50 ms while a 784 → 128 → 10 model trains in the worker', async () => {
  const workerPath = await buildWorker();
  const text = graphText({
    dataset: { builtin: 'blobs', samples: 6000, classes: 10, features: 784 }, hidden: [128], outputUnits: 10,
    mode: 'categorical', optimizer: { type: 'adam', learningRate: 0.001 }, epochs: 4, batchSize: 32, validationSplit: 0.1,
  });
  const history = new RunHistory();
  const broadcaster = new PanelBroadcaster(history);
  let panelMessages = 0;
  let panelBytes = 0;
  broadcaster.addSink((message) => {
    panelMessages++;
    panelBytes += JSON.stringify(message).length;
  });
  let progressEvents = 0;
  const monitor = monitorEventLoopDelay({ resolution: 5 });
  const controller = new RunController({
    runId: 1, documentUri: 'file:///mnist-like.nngraph', workerPath, history, broadcaster,
    config: {
      documentName: 'mnist-like.nngraph', mode: 'train', dataset: 'blobs', optimizer: 'Adam', learningRate: 0.001,
      epochs: 4, batchSize: 32, seed: 42, validationSplit: 0.1,
    },
    start: startOptionsFor(text),
    events: {
      onReady: () => monitor.enable(),
      onProgress: () => { progressEvents++; },
    },
  });
  const startedAt = performance.now();
  const outcome = await controller.outcome;
  monitor.disable();
  const seconds = (performance.now() - startedAt) / 1000;
  const maxMs = monitor.max / 1e6;
  console.log(
    `trained ${outcome.stepsRun} steps in ${seconds.toFixed(1)} s; host event loop delay max ${maxMs.toFixed(1)} ms, `
    + `p99 ${(monitor.percentile(99) / 1e6).toFixed(1)} ms; ${progressEvents} progress messages, `
    + `${panelMessages} panel messages (${(panelMessages / seconds).toFixed(1)}/s, ${(panelBytes / 1024).toFixed(0)} KiB)`,
  );
  assert.equal(outcome.status, 'completed');
  assert.equal(outcome.stepsRun, 4 * Math.ceil(5400 / 32));
  assert.ok(monitor.max > 0 && Number.isFinite(monitor.mean), 'the loop was sampled during training');
  assert.ok(maxMs < 50, `event loop delay max ${maxMs.toFixed(1)} ms`);
  assert.ok(panelMessages / seconds <= 31, 'at most ~30 panel messages per second');
  broadcaster.dispose();
});
