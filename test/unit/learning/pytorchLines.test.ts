// The PyTorch engine reads the script's stdout line by line: its own JSON lines become the core's reports, and
// anything else (a warning PyTorch prints, a half line, a JSON value of another shape) is passed over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScriptLine } from '../../../src/node/pytorchLines';

test('the run, batch, epoch and summary lines become the core\'s reports', () => {
  assert.deepEqual(parseScriptLine('{"run": {"samples": 1000, "train": 800, "validation": 200, "features": 2, "steps_per_epoch": 25, "params": 41, "device": "cpu", "processes": 2, "torch": "1.13.0"}}', undefined), {
    kind: 'run',
    info: { sampleCount: 1000, trainCount: 800, validationCount: 200, featureCount: 2, stepsPerEpoch: 25, paramCount: 41, device: 'cpu', processes: 2, torchVersion: '1.13.0' },
  });
  const batch = parseScriptLine('{"batch": {"epoch": 2, "step": 25, "steps_per_epoch": 25, "global_step": 50, "loss": 0.5, "batch_loss": 0.4, "samples_seen": 1600, "accuracy": 0.75, "batch_accuracy": 0.8}}', undefined);
  assert.deepEqual(batch, {
    kind: 'batch',
    report: { epoch: 2, step: 25, stepsPerEpoch: 25, globalStep: 50, loss: 0.5, samplesSeen: 1600, accuracy: 0.75, batchLoss: 0.4, batchAccuracy: 0.8 },
  });
  assert.ok(batch?.kind === 'batch');
  // The epoch line has no step count of its own: it takes the epoch's last batch's.
  assert.deepEqual(parseScriptLine('{"epoch": 2, "loss": 0.5, "val_loss": 0.6, "samples_per_s": 9000, "elapsed_ms": 88.9}', batch.report), {
    kind: 'epoch', report: { epoch: 2, loss: 0.5, valLoss: 0.6, globalStep: 50, samplesSeen: 1600, samplesPerSecond: 9000, elapsedMs: 88.9 },
  });
  assert.deepEqual(parseScriptLine('{"done": true, "stop": "cancelled", "epochs": 1, "steps": 37, "loss": 0.5}', undefined),
    { kind: 'summary', summary: { stop: 'cancelled', epochs: 1, steps: 37 } });
});

test('lines that are not the script\'s reports are passed over', () => {
  for (const line of [
    '', 'Epoch 1/10 - 20ms - loss: 0.5', 'WARNING:torch.distributed.run:', '{"epoch": 1', '[0.25, 0.75]', 'null',
    '{"batch": {"epoch": 1}}', '{"run": {"samples": "many"}}', '{"done": true, "stop": "exploded"}', '{"epoch": 1, "loss": "nan"}',
  ]) {
    assert.equal(parseScriptLine(line, undefined), undefined, line);
  }
});
