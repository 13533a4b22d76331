// The neuron view's messages: the worker's `neurons` message carries grids or a reason (exactly one), and the
// panel's schema accepts a well-formed view and refuses grids whose sizes disagree (activations not gridSize² per
// unit, a kernel not inputs × units, too many units or cells), so the view never reads past an array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiveHostToTrainingPanel } from '../../../src/protocol/messages';
import { decodeFloat32, encodeFloat32, type NeuronGridsView } from '../../../src/protocol/neuronView';
import { receiveWorkerToHost } from '../../../src/protocol/workerMessages';

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const floats = (count: number, start = 0): Float32Array => Float32Array.from({ length: count }, (_, i) => start + i / 7 - 3);

function view(gridSize = 3, units = [4, 1]): NeuronGridsView {
  const cells = gridSize * gridSize;
  let inputs = 2;
  return {
    kind: 'grids', gridSize, xMin: -1, xMax: 1, yMin: -2, yMax: 2, globalStep: 12, inputNames: ['x', 'y'],
    inputs: encodeFloat32(floats(cells * 2), toBase64),
    layers: units.map((count, index) => {
      const layer = {
        nodeId: `layer${index}`, units: count, activation: { nodeId: `act${index}`, fn: 'tanh' }, probabilities: false,
        activations: encodeFloat32(floats(cells * count, index), toBase64), kernel: Array.from(floats(inputs * count)),
      };
      inputs = count;
      return layer;
    }),
  };
}

function panelAccepts(neurons: unknown): string | undefined {
  const received = receiveHostToTrainingPanel({ type: 'update', updates: [{ runId: 1, neurons }] });
  return received.ok ? undefined : received.reason;
}

test('float32 grids survive the trip through base64 exactly, NaN and infinities included', () => {
  const values = Float32Array.from([0, -0.5, 1e-30, 3.4e38, Number.NaN, Number.POSITIVE_INFINITY, -7.25]);
  assert.deepEqual([...decodeFloat32(encodeFloat32(values, toBase64))], [...values]);
});

test('the panel accepts a well-formed view and a reason, and refuses grids whose sizes disagree', () => {
  assert.equal(panelAccepts(view()), undefined);
  assert.equal(panelAccepts(view(24, [16, 16, 3])), undefined);
  assert.equal(panelAccepts({ kind: 'unavailable', reason: 'The neuron view draws networks with 2 input features; this one has 64.' }), undefined);

  const shortGrid = view();
  shortGrid.layers[0].activations = encodeFloat32(floats(9 * 4 - 1), toBase64);
  assert.match(panelAccepts(shortGrid) ?? '', /layers\.0\.activations: expected 9 cells × 4 units of float32/);
  const wrongKernel = view();
  wrongKernel.layers[1].kernel = wrongKernel.layers[1].kernel.slice(1);
  assert.match(panelAccepts(wrongKernel) ?? '', /layers\.1\.kernel: expected 4 × 1 weights/);
  const wrongInputs = view();
  wrongInputs.inputs = encodeFloat32(floats(9), toBase64);
  assert.match(panelAccepts(wrongInputs) ?? '', /inputs: expected 9 cells × 2 features/);
  assert.match(panelAccepts(view(3, [17])) ?? '', /units/);
  assert.match(panelAccepts({ ...view(), gridSize: 65 }) ?? '', /gridSize/);
  assert.match(panelAccepts({ ...view(), inputs: 'not base64!' }) ?? '', /inputs/);
  assert.match(panelAccepts({ ...view(), layers: [] }) ?? '', /layers/);
});

test('the worker\'s neurons message carries grids or a reason, exactly one of them', () => {
  const grids = {
    gridSize: 2, xMin: 0, xMax: 1, yMin: 0, yMax: 1, globalStep: 0, inputNames: ['a', 'b'], inputs: new Float32Array(8), layers: [],
  };
  assert.ok(receiveWorkerToHost({ type: 'neurons', runId: 1, grids }).ok);
  assert.ok(receiveWorkerToHost({ type: 'neurons', runId: 1, unavailable: 'why' }).ok);
  for (const forged of [
    { type: 'neurons', runId: 1 },
    { type: 'neurons', runId: 1, grids, unavailable: 'why' },
    { type: 'neurons', runId: 1, grids: { layers: 'no' } },
    { type: 'neurons', grids },
  ]) {
    const received = receiveWorkerToHost(forged);
    assert.ok(!received.ok, JSON.stringify(Object.keys(forged)));
  }
});
