// A learning rate changed mid-run, against PyTorch: the exported script's optimizers (Keras' rules, reading each
// param group's "lr" at every step) are driven with the same gradients, and after some steps every param group's lr
// is set to a new value, the PyTorch way of changing it mid-run. Our optimizer, whose learningRate is set at the same
// point, must end on the same weights (float32 on both sides) for every optimizer type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { OptimizerSpec } from '../../../src/core/types';
import { createOptimizer, optimizerSlotCount } from '../../../src/core/optimizers/index';
import { Random } from '../../../src/core/random';
import { pythonOptimizer } from '../../../src/graph/export/pytorchOptimizers';
import { torchPython } from '../../support/python';

const driver = String.raw`
import json, math, sys
import torch
torch.set_default_dtype(torch.float32)
OPTIMIZER_CODE
case = json.load(sys.stdin)
weights = torch.nn.Parameter(torch.tensor(case["initial"], dtype=torch.float32))
optimizer = make_optimizer([weights])
for index, gradient in enumerate(case["gradients"]):
    if index == case["change_after"]:
        for group in optimizer.param_groups:
            group["lr"] = case["new_rate"]
    weights.grad = torch.tensor(gradient, dtype=torch.float32)
    optimizer.step()
print(json.dumps(weights.detach().tolist()))
`;

const SPECS: OptimizerSpec[] = [
  { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true },
  { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  { type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true },
  { type: 'adamw', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.004 },
];

test('a learning rate changed mid-run moves the weights as a PyTorch param group\'s lr change does, state kept', () => {
  const random = new Random(23);
  const changeAfter = 6;
  const gradients = Array.from({ length: 15 }, () => Array.from({ length: 8 }, () => random.nextNormal()));
  const initial = Array.from({ length: 8 }, () => random.nextNormal() * 0.5);
  for (const spec of SPECS) {
    const newRate = spec.learningRate * 0.25;
    const params = Float32Array.from(initial);
    const optimizer = createOptimizer(spec, Array.from({ length: optimizerSlotCount(spec) }, () => new Float32Array(initial.length)));
    gradients.forEach((gradient, index) => {
      if (index === changeAfter) optimizer.learningRate = newRate;
      optimizer.step(params, Float32Array.from(gradient));
    });
    const script = driver.replace('OPTIMIZER_CODE', pythonOptimizer(spec));
    const run = spawnSync(torchPython(), ['-c', script], {
      input: JSON.stringify({ initial, gradients, change_after: changeAfter, new_rate: newRate }), encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const torchWeights = JSON.parse(run.stdout) as number[];
    let largest = 0;
    torchWeights.forEach((w, i) => { largest = Math.max(largest, Math.abs(w - params[i]) / Math.max(1, Math.abs(w))); });
    console.log(`${spec.type}: largest difference from PyTorch after the lr change ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-6, `${spec.type}: weights differ by ${largest}`);
  }
});
