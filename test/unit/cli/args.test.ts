import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { epochJson, epochLine, formatDuration, progressLine } from '../../../src/cli/progress';

test('commands and their options parse, in both --name value and --name=value forms', () => {
  assert.deepEqual(parseArgs([]), { kind: 'help' });
  assert.deepEqual(parseArgs(['help', 'train']), { kind: 'help', topic: 'train' });
  assert.deepEqual(parseArgs(['check', '--help']), { kind: 'help', topic: 'check' });
  assert.deepEqual(parseArgs(['-V']), { kind: 'version' });
  assert.deepEqual(parseArgs(['check', 'a.nngraph', 'b.nngraph']), { kind: 'check', files: ['a.nngraph', 'b.nngraph'], data: {} });
  assert.deepEqual(parseArgs(['check', 'a.nngraph', '--root', '..', '--max-csv-mb=64']),
    { kind: 'check', files: ['a.nngraph'], data: { root: '..', maxCsvMegabytes: 64 } });
  assert.deepEqual(parseArgs(['summary', '--', '-odd.nngraph']), { kind: 'summary', file: '-odd.nngraph', data: {} });
  assert.deepEqual(parseArgs([
    'train', '--epochs=0', 'g.nngraph', '--batch-size', '64', '--learning-rate', '1e-3', '--seed', '-5',
    '--init-weights', 'in.safetensors', '--save-weights=out.safetensors', '--json', '--backend', 'js', '--root', 'work', '--max-csv-mb', '8',
  ]), {
    kind: 'train', file: 'g.nngraph',
    options: {
      json: true, quiet: false, epochs: 0, batchSize: 64, learningRate: 0.001, seed: -5,
      initWeights: 'in.safetensors', saveWeights: 'out.safetensors', backend: 'js', root: 'work', maxCsvMegabytes: 8,
    },
  });
  assert.deepEqual(parseArgs(['train', 'g.nngraph', '--engine', 'pytorch', '--nproc=2', '--python', '/opt/venv/bin/python']), {
    kind: 'train', file: 'g.nngraph', options: { json: false, quiet: false, engine: 'pytorch', nproc: 2, python: '/opt/venv/bin/python' },
  });
});

test('wrong usage is a UsageError that says what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [['train'], /train takes one \.nngraph file, got 0/],
    [['train', 'a', 'b'], /got 2/],
    [['train', 'g', '--epochs'], /--epochs needs a value/],
    [['train', 'g', '--epochs', '--json'], /--epochs needs a value/],
    [['train', 'g', '--epochs', '1.5'], /--epochs must be an integer ≥ 0, got '1\.5'/],
    [['train', 'g', '--batch-size', '0'], /--batch-size must be an integer ≥ 1/],
    [['train', 'g', '--learning-rate', '-1'], /--learning-rate must be a number > 0, got '-1'/],
    [['train', 'g', '--json=yes'], /--json takes no value/],
    [['train', 'g', '--save-weights', ''], /--save-weights needs a file name/],
    [['train', 'g', '--engine', 'jax'], /--engine must be builtin or pytorch, got 'jax'/],
    [['train', 'g', '--engine', 'pytorch', '--nproc', '0'], /--nproc must be an integer ≥ 1, got '0'/],
    [['train', 'g', '--engine', 'builtin', '--nproc', '2'], /--nproc apply to --engine pytorch only/],
    [['train', 'g', '--engine=builtin', '--python=python3'], /--python apply to --engine pytorch only/],
    [['summary'], /summary takes one \.nngraph file, got 0/],
    [['check', '--strict', 'a'], /unknown option '--strict' for check/],
    [['check', 'a', '--max-csv-mb', '0'], /--max-csv-mb must be an integer ≥ 1, got '0'/],
    [['summary', 'a', '--root'], /--root needs a value/],
    [['--epochs', '3'], /unknown option '--epochs' \(the command comes first\)/],
    [['help', 'fly'], /unknown command 'fly'/],
  ];
  for (const [argv, pattern] of cases) {
    assert.throws(() => parseArgs(argv), (error: unknown) => error instanceof UsageError && pattern.test(error.message), argv.join(' '));
  }
});

test('epoch reports read like Keras, and as JSON with only the metrics present', () => {
  const report = { epoch: 3, globalStep: 30, samplesSeen: 960, loss: 0.34123, accuracy: 0.875, valLoss: 0.3301, valAccuracy: 0.88, samplesPerSecond: 48000.4, elapsedMs: 210.1234 };
  assert.equal(epochLine(report, 10),
    'Epoch 3/10 - 210ms - loss: 0.3412 - accuracy: 0.8750 - val_loss: 0.3301 - val_accuracy: 0.8800 - 48,000 samples/s');
  assert.deepEqual(JSON.parse(epochJson(report)),
    { epoch: 3, loss: 0.34123, accuracy: 0.875, val_loss: 0.3301, val_accuracy: 0.88, samples_per_s: 48000, elapsed_ms: 210.123 });
  assert.deepEqual(Object.keys(JSON.parse(epochJson({ epoch: 1, globalStep: 1, samplesSeen: 4, loss: 2, samplesPerSecond: 1, elapsedMs: 1 }))),
    ['epoch', 'loss', 'samples_per_s', 'elapsed_ms']);
  assert.equal(formatDuration(1530), '1.5s');
  assert.equal(formatDuration(125_000), '2m5s');
});

test('the progress bar fills with the steps of the epoch', () => {
  const batch = { epoch: 2, step: 5, stepsPerEpoch: 20, globalStep: 25, loss: 0.5, samplesSeen: 160 };
  assert.equal(progressLine(batch, 4), 'Epoch 2/4 [======>                 ]  5/20 - loss: 0.5000');
  assert.match(progressLine({ ...batch, step: 20 }, 4), /\[={24}\] 20\/20/);
});

test('predict and export parse their options; export needs a known --to', () => {
  assert.deepEqual(parseArgs(['predict', 'g.nngraph', '--weights', 'w.safetensors', '--input=rows.csv', '--json', '--root', '.']), {
    kind: 'predict', file: 'g.nngraph', options: { json: true, weights: 'w.safetensors', input: 'rows.csv', root: '.' },
  });
  assert.deepEqual(parseArgs(['export', 'g.nngraph', '--to', 'pytorch', '-o', 'out.py', '--force']), {
    kind: 'export', file: 'g.nngraph', options: { to: 'pytorch', output: 'out.py', force: true },
  });
  assert.throws(() => parseArgs(['export', 'g.nngraph']), /export needs --to \(pytorch, keras, tfjs, onnx\)/);
  assert.throws(() => parseArgs(['export', 'g.nngraph', '--to', 'caffe']), /--to must be one of pytorch, keras, tfjs, onnx, got 'caffe'/);
  assert.throws(() => parseArgs(['predict', 'a', 'b']), /predict takes one \.nngraph file, got 2/);
  assert.throws(() => parseArgs(['predict', 'g', '--epochs', '3']), /unknown option '--epochs' for predict/);
});

test('explain parses --sample, --weights, --json and the data options; --sample is required', () => {
  assert.deepEqual(parseArgs(['explain', 'g.nngraph', '--sample=3', '--weights', 'w.safetensors', '--json', '--max-csv-mb', '9']), {
    kind: 'explain', file: 'g.nngraph', options: { sample: 3, weights: 'w.safetensors', json: true, maxCsvMegabytes: 9 },
  });
  assert.deepEqual(parseArgs(['explain', '--sample', '0', 'g.nngraph']), { kind: 'explain', file: 'g.nngraph', options: { sample: 0, json: false } });
  assert.deepEqual(parseArgs(['explain', 'g.nngraph', '--help']), { kind: 'help', topic: 'explain' });
  assert.throws(() => parseArgs(['explain', 'g.nngraph']), /explain needs --sample N/);
  assert.throws(() => parseArgs(['explain', 'g.nngraph', '--sample', '-2']), /--sample must be an integer ≥ 0, got '-2'/);
  assert.throws(() => parseArgs(['explain', 'g.nngraph', '--sample', '1', '--input', 'x.csv']), /unknown option '--input' for explain/);
});
