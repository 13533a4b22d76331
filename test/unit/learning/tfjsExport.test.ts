// Acceptance of `nngraph export --to tfjs` (issue 12): the exported program runs under Node with the repository's
// pure-JS @tensorflow/tfjs (found through NODE_PATH) and its loss falls on the tutorial; from the same starting
// weights with shuffle off its first epoch's loss is close to our core's (TF.js's Adam adds epsilon after the bias
// correction, so only closeness holds, not the 1e-4 the PyTorch script meets); and for every example and the
// add/concat DAG, TypeScript's parser finds the graph's layers, the model kind, the loss and the optimizer in it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { removeBuiltCli, root, runCli, scratchFolder } from '../cli/helpers';
import { checkedGraphs, EXAMPLES, exampleText, expectedStructure, featuresGraph, regularizedGraph } from './exportGraphs';

after(removeBuiltCli);

interface EpochLine { epoch: number; loss: number }

function cli(args: readonly string[], cwd: string): string {
  const result = runCli(args, cwd);
  assert.equal(result.status, 0, `nngraph ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

/** The program's (or nngraph's) per-epoch JSON lines; TF.js's own notices on stdout are not JSON objects. */
function epochLines(stdout: string): EpochLine[] {
  return stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as EpochLine & { done?: boolean })
    .filter((line) => line.done === undefined);
}

function runProgram(dir: string, args: readonly string[]): EpochLine[] {
  const run = spawnSync(process.execPath, ['g.tfjs.cjs', ...args, '--json'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
  });
  assert.equal(run.status, 0, run.stderr);
  return epochLines(run.stdout);
}

test('export --to tfjs: the tutorial trains under Node and its loss falls', () => {
  const folder = scratchFolder({ 'g.nngraph': exampleText('tutorial') });
  try {
    cli(['export', 'g.nngraph', '--to', 'tfjs'], folder.dir);
    const lines = runProgram(folder.dir, ['--epochs', '4']);
    assert.deepEqual(lines.map((line) => line.epoch), [1, 2, 3, 4]);
    assert.ok(lines[3].loss < lines[0].loss, `the loss did not fall: ${lines.map((line) => line.loss).join(', ')}`);
    for (const line of lines) assert.deepEqual(Object.keys(line), ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'samples_per_s', 'elapsed_ms']);
  } finally {
    folder.remove();
  }
});

test('export --to tfjs: with l1 and l2 on both dense layers, the first epoch loses what our core loses, penalty included', () => {
  const graph = JSON.parse(exampleText('tutorial')) as { training: Record<string, unknown>; nodes: Array<{ type: string; params: Record<string, unknown> }> };
  graph.training.shuffle = false;
  const plainText = JSON.stringify(graph);
  for (const node of graph.nodes) if (node.type === 'dense') Object.assign(node.params, { l1: 0.003, l2: 0.02 });
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(graph), 'plain.nngraph': plainText });
  try {
    cli(['train', 'g.nngraph', '--epochs', '0', '--save-weights', 'init.safetensors'], folder.dir);
    const [ours] = epochLines(cli(['train', 'g.nngraph', '--init-weights', 'init.safetensors', '--epochs', '1', '--json'], folder.dir));
    // The penalty must weigh far more than the tolerance, or the comparison would not see a missing regularizer.
    const [plain] = epochLines(cli(['train', 'plain.nngraph', '--init-weights', 'init.safetensors', '--epochs', '1', '--json'], folder.dir));
    assert.ok((ours.loss - plain.loss) / ours.loss > 1e-2, `the penalty is too small to test: ${ours.loss} vs ${plain.loss}`);
    cli(['export', 'g.nngraph', '--to', 'tfjs'], folder.dir);
    const [theirs] = runProgram(folder.dir, ['--epochs', '1', '--init-weights', 'init.safetensors']);
    const relative = Math.abs(theirs.loss - ours.loss) / ours.loss;
    console.log(`regularized tutorial, first epoch: nngraph ${ours.loss}, TF.js ${theirs.loss}, relative difference ${relative.toExponential(2)}`);
    assert.ok(relative < 1e-3, `first-epoch losses differ by ${relative} relative`);
  } finally {
    folder.remove();
  }
});

/** The first epoch of our core and of the exported program, from the same saved initial weights, shuffle off. */
function firstEpochs(text: string): { ours: number; theirs: number } {
  const graph = JSON.parse(text) as { training: Record<string, unknown> };
  graph.training.shuffle = false;
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(graph) });
  try {
    cli(['train', 'g.nngraph', '--epochs', '0', '--save-weights', 'init.safetensors'], folder.dir);
    const [ours] = epochLines(cli(['train', 'g.nngraph', '--init-weights', 'init.safetensors', '--epochs', '1', '--json'], folder.dir));
    cli(['export', 'g.nngraph', '--to', 'tfjs'], folder.dir);
    const [theirs] = runProgram(folder.dir, ['--epochs', '1', '--init-weights', 'init.safetensors']);
    return { ours: ours.loss, theirs: theirs.loss };
  } finally {
    folder.remove();
  }
}

// Every example trains under Node, the categorical ones too (their class indices go in as one-hot rows, which
// TF.js's fit() needs), and the features DAG with its custom layer; the first epoch loses what our core loses.
for (const [name, text] of [...EXAMPLES.map((example) => [example, exampleText(example)] as const), ['features DAG (iris)', featuresGraph()] as const]) {
  test(`export --to tfjs: ${name} trains under Node, and its first epoch loses what our core loses`, () => {
    const { ours, theirs } = firstEpochs(text);
    const relative = Math.abs(theirs - ours) / ours;
    console.log(`${name}, first epoch: nngraph ${ours}, TF.js ${theirs}, relative difference ${relative.toExponential(2)}`);
    assert.ok(relative < 1e-3, `first-epoch losses differ by ${relative} relative`);
  });
}

test('export --to tfjs: early stopping stops the program at the epoch nngraph stops at', () => {
  const graph = JSON.parse(exampleText('tutorial')) as { training: Record<string, unknown>; nodes: Array<{ type: string; params: Record<string, unknown> }> };
  for (const node of graph.nodes) if (node.type === 'input') node.params.dataset = { builtin: 'moons', samples: 200, noise: 0.3 };
  Object.assign(graph.training, {
    epochs: 200, validationSplit: 0.3, shuffle: false, optimizer: { type: 'adam', learningRate: 0.05 },
    earlyStopping: { patience: 3, minDelta: 0.0005, restoreBestWeights: true },
  });
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(graph) });
  try {
    cli(['train', 'g.nngraph', '--epochs', '0', '--save-weights', 'init.safetensors'], folder.dir);
    const ours = epochLines(cli(['train', 'g.nngraph', '--init-weights', 'init.safetensors', '--json'], folder.dir));
    cli(['export', 'g.nngraph', '--to', 'tfjs'], folder.dir);
    const theirs = runProgram(folder.dir, ['--init-weights', 'init.safetensors']);
    console.log(`early stopping: nngraph ran ${ours.length} epochs, TF.js ${theirs.length}`);
    assert.ok(ours.length < 200);
    assert.equal(theirs.length, ours.length);
  } finally {
    folder.remove();
  }
});

/** The program's layer calls as the neutral words of exportGraphs.ts, the model kind, the loss's and optimizer's calls. */
function readProgram(text: string): { layers: string[]; models: string[]; regularizers: string[]; losses: string[]; optimizer: { name: string; args: number[] } } {
  const source = ts.createSourceFile('program.cjs', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const layers: string[] = [];
  const models: string[] = [];
  const regularizers: string[] = [];
  const losses: string[] = [];
  let optimizer = { name: '', args: [] as number[] };
  const snake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const owner = node.expression.expression.getText(source);
      const name = node.expression.name.text;
      const options = new Map<string, string>();
      const [first] = node.arguments;
      if (first !== undefined && ts.isObjectLiteralExpression(first)) {
        for (const property of first.properties) {
          if (ts.isPropertyAssignment(property)) options.set(property.name.getText(source), property.initializer.getText(source).replace(/^"|"$/g, ''));
        }
      }
      if (owner === 'tf.layers') {
        if (name === 'dense') layers.push(`dense:${options.get('units')}:${snake(options.get('kernelInitializer') ?? '')}`, ...(options.has('activation') ? [`activation:${options.get('activation')}`] : []));
        else if (name === 'activation') layers.push(options.get('activation') === 'elu' ? 'activation:elu:1' : `activation:${options.get('activation')}`);
        else if (name === 'leakyReLU') layers.push(`activation:leaky_relu:${options.get('alpha')}`);
        else if (name === 'elu') layers.push(`activation:elu:${options.get('alpha')}`);
        else if (name === 'dropout') layers.push(`dropout:${options.get('rate')}`);
        else if (name !== 'inputLayer') layers.push(name === 'concatenate' ? 'concat' : name);
      } else if (owner === 'tf.regularizers') {
        regularizers.push(`${name === 'l1l2' ? 'l1_l2' : name}${['l1', 'l2'].filter((k) => options.has(k)).map((k) => `:${options.get(k)}`).join('')}`);
      } else if (owner === 'tf' && (name === 'sequential' || name === 'model')) models.push(name);
      else if (owner === 'tf.losses') losses.push(name);
      else if (owner === 'tf.train') optimizer = { name, args: node.arguments.map((argument) => Number(argument.getText(source))) };
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { layers: layers.sort(), models, regularizers: regularizers.sort(), losses, optimizer };
}

const TFJS_LOSSES = { binary: ['sigmoidCrossEntropy'], categorical: ['softmaxCrossEntropy'], mse: ['meanSquaredError'] } as const;

function expectedOptimizer(settings: ReturnType<typeof expectedStructure>['optimizer']): { name: string; args: unknown[] } {
  switch (settings.type) {
    case 'adam': case 'adamw': return { name: 'adam', args: [settings.learningRate, settings.beta1, settings.beta2, settings.epsilon] };
    case 'rmsprop': return { name: 'rmsprop', args: [settings.learningRate, settings.rho, settings.momentum, settings.epsilon, Number.NaN] };
    case 'sgd': return Number(settings.momentum) > 0 ? { name: 'momentum', args: [settings.learningRate, settings.momentum, Number.NaN] } : { name: 'sgd', args: [settings.learningRate] };
  }
}

for (const { name, text } of [...checkedGraphs(), { name: 'regularized DAG', text: regularizedGraph() }]) {
  test(`export --to tfjs: ${name} parses as JavaScript and holds the graph's layers, loss and optimizer`, () => {
    const folder = scratchFolder({ 'g.nngraph': text });
    try {
      cli(['export', 'g.nngraph', '--to', 'tfjs'], folder.dir);
      const program = readFileSync(join(folder.dir, 'g.tfjs.cjs'), 'utf8');
      const check = spawnSync(process.execPath, ['--check', join(folder.dir, 'g.tfjs.cjs')], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      const found = readProgram(program);
      const expected = expectedStructure(text);
      assert.deepEqual(found.layers, expected.layers);
      assert.deepEqual(found.regularizers, expected.regularizers);
      assert.deepEqual(found.models, [expected.sequential ? 'sequential' : 'model']);
      // A loss on probabilities (not logits) is written out with tf ops; the others use TF.js's fused losses.
      assert.deepEqual(found.losses, expected.loss.fromLogits || expected.loss.kind === 'mse' ? TFJS_LOSSES[expected.loss.kind] : []);
      // Booleans (nesterov, centered) read as NaN on both sides.
      assert.deepEqual(found.optimizer, expectedOptimizer(expected.optimizer));
    } finally {
      folder.remove();
    }
  });
}
