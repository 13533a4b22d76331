// The neuron view from the real worker: a moons run posts grids before its first step, while it trains and at its
// end, over the decision boundary's very plane; the last grids are the core's forward pass on the saved weights at
// the cells it sent, the output unit is the boundary's probability, and the host turns them into a panel message
// the panel's schema accepts. A network too wide for the view says why, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSafetensors } from '../../../src/core/weights';
import { neuronActivations, neuronLayout } from '../../../src/core/neurons';
import { compileText } from '../../../src/graph/index';
import { WorkerHost, type WorkerStartOptions } from '../../../src/extension/training/workerHost';
import { neuronViewOf } from '../../../src/extension/training/neuronViewOf';
import { receiveHostToTrainingPanel } from '../../../src/protocol/messages';
import { decodeFloat32 } from '../../../src/protocol/neuronView';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { buildWorker, moonsGraph, graphText, startOptionsFor } from './helpers';

type NeuronsMessage = Extract<WorkerToHostMessage, { type: 'neurons' }>;

async function runWorker(options: Omit<WorkerStartOptions, 'runId'>): Promise<WorkerToHostMessage[]> {
  const workerPath = await buildWorker();
  const messages: WorkerToHostMessage[] = [];
  const run = new WorkerHost(workerPath, { ...options, runId: 3 }, { onMessage: (message) => messages.push(message), onExit: () => undefined });
  assert.deepEqual(await run.done, { kind: 'finished' });
  return messages;
}

test('a moons run streams neuron grids from step 0 to its end, equal to the forward pass on its saved weights', async () => {
  const text = moonsGraph(4);
  const gridSize = 12;
  const messages = await runWorker(startOptionsFor(text, {
    boundary: { gridSize, intervalMs: 0, maxPoints: 50 }, neurons: { gridSize, intervalMs: 0 },
  }));
  const neurons = messages.filter((m): m is NeuronsMessage => m.type === 'neurons');
  const steps = neurons.map((m) => m.grids?.globalStep);
  const end = messages.find((m) => m.type === 'finished');
  assert.ok(end?.type === 'finished' && end.weightsFile !== undefined);
  assert.equal(steps[0], 0, 'the first grids come before the first step');
  assert.equal(steps[steps.length - 1], end.stepsRun, 'the last grids are of the final weights');
  assert.ok(neurons.length >= 3, `grids while training too (${neurons.length} messages)`);
  const first = neurons[0].grids;
  const last = neurons[neurons.length - 1].grids;
  assert.ok(first !== undefined && last !== undefined);
  assert.deepEqual(last.layers.map((l) => [l.nodeId, l.units, l.activation?.fn, l.probabilities, l.activations.length, l.kernel.length]), [
    ['hidden0', 16, 'relu', false, 144 * 16, 2 * 16],
    ['out', 1, 'sigmoid', true, 144, 16],
  ]);
  assert.notDeepEqual([...last.layers[0].activations], [...first.layers[0].activations], 'the hidden units change as the run learns');

  // The same numbers from the core, on the weights the run saved, at the (scaled) cells the worker sent.
  const compiled = compileText(text);
  assert.ok(compiled.ok);
  const layout = neuronLayout(compiled.spec);
  assert.ok(layout.ok);
  const expected = neuronActivations(compiled.spec, layout.layers, readSafetensors(end.weightsFile).tensors, last.inputs, 144);
  expected.forEach((layer, i) => {
    assert.deepEqual([...last.layers[i].activations], [...layer.activations]);
    assert.deepEqual([...last.layers[i].kernel], [...layer.kernel]);
  });

  // The decision boundary's plane: same extent, and its confidence is the output unit's probability of the winner.
  const boundaries = messages.filter((m) => m.type === 'boundary');
  const boundary = boundaries[boundaries.length - 1];
  assert.ok(boundary?.type === 'boundary');
  const { grid } = boundary;
  assert.deepEqual([grid.xMin, grid.xMax, grid.yMin, grid.yMax, grid.globalStep], [last.xMin, last.xMax, last.yMin, last.yMax, last.globalStep]);
  for (let cell = 0; cell < 144; cell++) {
    const p = last.layers[1].activations[cell];
    assert.ok(Math.abs(grid.cellConfidence[cell] - (p >= 0.5 ? p : 1 - p)) < 1e-6, `cell ${cell}`);
  }

  // What the host sends the panel passes the panel's own check, and decodes to the same floats.
  const view = neuronViewOf(neurons[neurons.length - 1]);
  const received = receiveHostToTrainingPanel({ type: 'update', updates: [{ runId: 3, neurons: view }] });
  assert.ok(received.ok, received.ok ? '' : received.reason);
  assert.ok(view.kind === 'grids');
  assert.deepEqual([...decodeFloat32(view.layers[0].activations)], [...last.layers[0].activations]);
  assert.deepEqual(view.inputNames, ['x', 'y'], 'the data set names its features');
});

test('a network with a layer over 16 units gets one message saying why, and no grids', async () => {
  const text = graphText({
    dataset: { builtin: 'moons', samples: 200, noise: 0.15 }, hidden: [32], outputUnits: 1, mode: 'binary',
    optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 1,
  });
  const messages = await runWorker(startOptionsFor(text, { neurons: { gridSize: 8, intervalMs: 0 } }));
  const neurons = messages.filter((m) => m.type === 'neurons');
  assert.deepEqual(neurons, [{ type: 'neurons', runId: 3, unavailable: 'The neuron view draws dense layers of up to 16 units; "hidden0" has 32.' }]);
  assert.deepEqual(neuronViewOf(neurons[0]), { kind: 'unavailable', reason: 'The neuron view draws dense layers of up to 16 units; "hidden0" has 32.' });
});

test('without a request the worker sends no neuron messages', async () => {
  const messages = await runWorker(startOptionsFor(moonsGraph(1)));
  assert.equal(messages.filter((m) => m.type === 'neurons').length, 0);
});
