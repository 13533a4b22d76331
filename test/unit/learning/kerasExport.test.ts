// Acceptance of `nngraph export --to keras` (issue 12). TensorFlow cannot be installed on the project's machines, so
// the script is not run: for every example and for a DAG with add and concat it must pass `python3 -m py_compile`, and
// Python's `ast` must find in it the graph's layers (units, initializers, activations, dropout, add, concat),
// Sequential for a chain and the functional API otherwise, the loss (from_logits where the graph folds its final
// activation) and the optimizer with the graph's settings under Keras' argument names.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { removeBuiltCli, runCli, scratchFolder } from '../cli/helpers';
import { torchPython } from '../../support/python';
import { checkedGraphs, dagGraph, expectedStructure, featuresGraph, regularizedGraph } from './exportGraphs';

after(removeBuiltCli);

/** Reads the script's build_model, make_loss and make_optimizer into neutral words (as exportGraphs.ts names them). */
const reader = String.raw`
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
def value(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)
def calls(function, owner):
    for node in ast.walk(functions[function]):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) == owner:
            yield node.func.attr, [value(a) for a in node.args], {k.arg: value(k.value) for k in node.keywords}
layers = []
for name, args, kwargs in calls("build_model", "layers"):
    if name == "Dense":
        layers.append(f"dense:{args[0]}:{kwargs['kernel_initializer']}")
        if "activation" in kwargs:
            layers.append(f"activation:{kwargs['activation']}")
    elif name == "Activation":
        layers.append("activation:elu:1" if args[0] == "elu" else f"activation:{args[0]}")
    elif name == "LeakyReLU":
        layers.append(f"activation:leaky_relu:{kwargs['negative_slope']}")
    elif name == "ELU":
        layers.append(f"activation:elu:{kwargs['alpha']}")
    elif name == "Dropout":
        layers.append(f"dropout:{args[0]}")
    else:
        layers.append({"Add": "add", "Concatenate": "concat"}[name])
models = [name for name, _, _ in calls("build_model", "keras")]
regularizers = []
for name, _, kwargs in calls("build_model", "keras.regularizers"):
    regularizers.append({"L1": "l1", "L2": "l2", "L1L2": "l1_l2"}[name] + "".join(f":{kwargs[k]}" for k in ("l1", "l2") if k in kwargs))
[(loss, _, loss_kwargs)] = list(calls("make_loss", "keras.losses"))
[(optimizer, _, optimizer_kwargs)] = list(calls("make_optimizer", "keras.optimizers"))
print(json.dumps({"layers": sorted(layers), "models": models, "regularizers": sorted(regularizers), "loss": loss, "loss_kwargs": loss_kwargs,
                  "optimizer": optimizer, "optimizer_kwargs": optimizer_kwargs}))
`;

interface ScriptStructure {
  layers: string[]; models: string[]; regularizers: string[]; loss: string; loss_kwargs: Record<string, unknown>;
  optimizer: string; optimizer_kwargs: Record<string, unknown>;
}

const KERAS_LOSSES = { binary: 'BinaryCrossentropy', categorical: 'SparseCategoricalCrossentropy', mse: 'MeanSquaredError' } as const;
const KERAS_OPTIMIZERS = { adam: 'Adam', adamw: 'AdamW', sgd: 'SGD', rmsprop: 'RMSprop' } as const;
const KERAS_ARGUMENTS: Readonly<Record<string, string>> = { learningRate: 'learning_rate', beta1: 'beta_1', beta2: 'beta_2', weightDecay: 'weight_decay' };

function python(args: readonly string[], cwd: string): string {
  const run = spawnSync(torchPython(), args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `python3 ${args.join(' ')}:\n${run.stderr}`);
  return run.stdout;
}

for (const { name, text } of [...checkedGraphs(), { name: 'regularized DAG', text: regularizedGraph() }]) {
  test(`export --to keras: ${name} compiles and holds the graph's layers, loss and optimizer`, () => {
    const folder = scratchFolder({ 'g.nngraph': text });
    try {
      const exported = runCli(['export', 'g.nngraph', '--to', 'keras'], folder.dir);
      assert.equal(exported.status, 0, exported.stderr);
      python(['-m', 'py_compile', 'g.keras.py'], folder.dir);
      const script = JSON.parse(python(['-c', reader, join(folder.dir, 'g.keras.py')], folder.dir)) as ScriptStructure;
      const expected = expectedStructure(text);
      assert.deepEqual(script.layers, expected.layers);
      assert.deepEqual(script.regularizers, expected.regularizers);
      assert.deepEqual(script.models.filter((model) => model === 'Sequential' || model === 'Model'), [expected.sequential ? 'Sequential' : 'Model']);
      assert.equal(script.loss, KERAS_LOSSES[expected.loss.kind]);
      if (expected.loss.kind !== 'mse') assert.equal(script.loss_kwargs.from_logits, expected.loss.fromLogits);
      assert.equal(script.optimizer, KERAS_OPTIMIZERS[expected.optimizer.type]);
      const settings = Object.fromEntries(Object.entries(expected.optimizer).filter(([key]) => key !== 'type').map(([key, value]) => [KERAS_ARGUMENTS[key] ?? key, value]));
      assert.deepEqual(script.optimizer_kwargs, settings);
    } finally {
      folder.remove();
    }
  });
}

/**
 * Runs the script's Features class (Keras cannot be installed here) with numpy standing in for keras.ops, on the
 * inputs `nngraph explain --json` shows each features node, in the order build_model calls it; prints its outputs.
 */
const featuresRunner = String.raw`
import ast, json, sys, types
import numpy as np
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
layers = types.SimpleNamespace(Layer=type("Layer", (), {"__init__": lambda self, **kwargs: None, "get_config": lambda self: {}}))
keras = types.SimpleNamespace(layers=layers, ops=types.SimpleNamespace(take=np.take, sin=np.sin, concatenate=np.concatenate),
                              saving=types.SimpleNamespace(register_keras_serializable=lambda package: (lambda cls: cls)))
scope = {"keras": keras, "layers": layers}
exec(compile(ast.Module(body=[n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Features"], type_ignores=[]), "script", "exec"), scope)
build = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "build_model")
groups = [ast.literal_eval(n.args[0]) for n in ast.walk(build) if isinstance(n, ast.Call) and ast.unparse(n.func) == "Features"]
inputs = json.loads(sys.argv[2])
outputs = []
for listed, row in zip(groups, inputs):
    layer = scope["Features"](listed)
    layer.build((None, len(row)))
    outputs.append(layer.call(np.array([row], dtype=np.float64))[0].tolist())
print(json.dumps({"groups": groups, "outputs": outputs}))
`;

test('export --to keras: the Features layer computes what the features nodes compute, in their column order', () => {
  const folder = scratchFolder({ 'g.nngraph': featuresGraph() });
  try {
    const exported = runCli(['export', 'g.nngraph', '--to', 'keras'], folder.dir);
    assert.equal(exported.status, 0, exported.stderr);
    python(['-m', 'py_compile', 'g.keras.py'], folder.dir);
    const explained = runCli(['explain', 'g.nngraph', '--sample', '7', '--json'], folder.dir);
    assert.equal(explained.status, 0, explained.stderr);
    const nodes = (JSON.parse(explained.stdout) as { nodes: Record<string, { output: number[] }> }).nodes;
    // derived reads the features, crossed the tanh after the hidden layer.
    const found = JSON.parse(python(['-c', featuresRunner, join(folder.dir, 'g.keras.py'), JSON.stringify([nodes.data.output, nodes.act.output])], folder.dir)) as {
      groups: string[][]; outputs: number[][];
    };
    assert.deepEqual(found.groups, [['x', 'square', 'product', 'sin'], ['x', 'product']]);
    let largest = 0;
    for (const [index, id] of ['derived', 'crossed'].entries()) {
      assert.equal(found.outputs[index].length, nodes[id].output.length, id);
      found.outputs[index].forEach((value, column) => { largest = Math.max(largest, Math.abs(value - nodes[id].output[column])); });
    }
    console.log(`Keras Features layer vs nngraph explain: largest difference ${largest.toExponential(2)}`);
    assert.ok(largest <= 1e-12, `the Features layer differs by ${largest}`);
  } finally {
    folder.remove();
  }
});

test('export --to keras: early stopping becomes keras.callbacks.EarlyStopping on val_loss with the graph\'s settings', () => {
  const graph = JSON.parse(dagGraph()) as { training: Record<string, unknown> };
  graph.training.earlyStopping = { patience: 4, minDelta: 0.001, restoreBestWeights: true };
  const folder = scratchFolder({ 'g.nngraph': JSON.stringify(graph) });
  try {
    const exported = runCli(['export', 'g.nngraph', '--to', 'keras'], folder.dir);
    assert.equal(exported.status, 0, exported.stderr);
    python(['-m', 'py_compile', 'g.keras.py'], folder.dir);
    const read = String.raw`
import ast, json, sys
source = open(sys.argv[1], encoding="utf-8").read()
tree = ast.parse(source)
training = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "TRAINING")
calls = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Call) and ast.unparse(node.func) == "keras.callbacks.EarlyStopping"]
print(json.dumps({"early_stopping": training["early_stopping"], "calls": calls}))
`;
    const found = JSON.parse(python(['-c', read, join(folder.dir, 'g.keras.py')], folder.dir)) as { early_stopping: unknown; calls: string[] };
    assert.deepEqual(found.early_stopping, { patience: 4, min_delta: 0.001, restore_best_weights: true });
    assert.equal(found.calls.length, 1);
    assert.match(found.calls[0], /monitor='val_loss', patience=settings\['patience'\], min_delta=settings\['min_delta'\], restore_best_weights=settings\['restore_best_weights'\]/);
  } finally {
    folder.remove();
  }
});
