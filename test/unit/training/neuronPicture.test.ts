// The neuron view's picture (webview/training/neuronPicture.ts): one column per layer after the two inputs, each unit
// labelled with its layer, index and range as a screen reader reads it, one weight line per kernel entry with its
// sign and relative strength, heatmaps that neither overlap nor leave the picture, and the colour scale's ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFloat32, type NeuronGridsView } from '../../../src/protocol/neuronView';
import { heatColor, neuronPicture, pictureGeometry } from '../../../webview/training/neuronPicture';

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function view(units: number[]): NeuronGridsView {
  const cells = 4;
  let inputs = 2;
  return {
    kind: 'grids', gridSize: 2, xMin: -1, xMax: 1, yMin: -1, yMax: 1, globalStep: 5, inputNames: ['x', 'y'],
    inputs: encodeFloat32(Float32Array.from([-1, -1, 1, -1, -1, 1, 1, 1]), toBase64),
    layers: units.map((count, index) => {
      // Unit u's value at cell c is (c − 1.5) · (u + 1): unit u ranges over ±1.5 (u + 1).
      const values = Float32Array.from({ length: cells * count }, (_, i) => (Math.floor(i / count) - 1.5) * ((i % count) + 1));
      const kernel = Array.from({ length: inputs * count }, (_, i) => (i % 2 === 0 ? 1 : -0.5) * (i + 1));
      const last = index === units.length - 1;
      inputs = count;
      return {
        nodeId: `h${index}`, units: count, probabilities: false, activations: encodeFloat32(values, toBase64), kernel,
        ...(last ? {} : { activation: { nodeId: `a${index}`, fn: 'tanh' } }),
      };
    }),
  };
}

test('columns, labels with layer, index and range, and one line per weight with its sign and strength', () => {
  const picture = neuronPicture(view([3, 1]));
  assert.deepEqual(picture.columns.map((c) => [c.title, c.subtitle, c.units.length]), [['Inputs', 'scaled', 2], ['h0', 'tanh', 3], ['h1', 'no activation', 1]]);
  assert.equal(picture.columns[0].units[1].label, 'Input y: from -1 to 1');
  assert.equal(picture.columns[1].units[1].label, 'Layer 1 "h0" (tanh) unit 2 of 3: from -3 to 3');
  assert.equal(picture.columns[2].units[0].label, 'Layer 2 "h1" unit 1 of 1: from -1.5 to 1.5');
  assert.equal(picture.columns[1].halfRange, 4.5, 'a layer shares one scale: its largest |value|');
  assert.deepEqual(picture.lines.map((lines) => lines.length), [6, 3]);
  const strongest = picture.lines[0].find((line) => line.strength === 1);
  // Kernel entry 4 of [2, 3] row-major: input 2 (y) to unit 2.
  assert.deepEqual(strongest, { from: [0, 1], to: [1, 1], weight: 5, strength: 1 });
  assert.ok(picture.lines[0].some((line) => line.weight < 0));
});

test('heatmaps sit inside the picture without overlapping, 16 units high included', () => {
  for (const units of [[8, 1], [16, 16, 3]]) {
    const picture = neuronPicture(view(units));
    const geometry = pictureGeometry(picture);
    const boxes = picture.columns.flatMap((c, column) => c.units.map((_, unit) => ({ x: geometry.columnX[column], y: geometry.unitY[column][unit] })));
    for (const [i, a] of boxes.entries()) {
      assert.ok(a.x >= 0 && a.y >= 40 && a.x + geometry.unitSize <= geometry.width && a.y + geometry.unitSize <= geometry.height, `unit ${i} inside`);
      for (const b of boxes.slice(i + 1)) {
        assert.ok(Math.abs(a.x - b.x) >= geometry.unitSize || Math.abs(a.y - b.y) >= geometry.unitSize, 'no overlap');
      }
    }
  }
});

test('the colour scale: neutral at 0, the sign\'s colour at ±1, clamped beyond, neutral for NaN', () => {
  const blue: [number, number, number] = [0, 0, 255];
  const white: [number, number, number] = [255, 255, 255];
  const orange: [number, number, number] = [255, 128, 0];
  assert.deepEqual(heatColor(0, blue, white, orange), white);
  assert.deepEqual(heatColor(1, blue, white, orange), orange);
  assert.deepEqual(heatColor(-3, blue, white, orange), blue);
  assert.deepEqual(heatColor(0.5, blue, white, orange), [255, 192, 128]);
  assert.deepEqual(heatColor(Number.NaN, blue, white, orange), white);
});
