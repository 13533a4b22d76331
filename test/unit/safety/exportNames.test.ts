// Text from a graph file reaches an exported program (PyTorch, Keras, TF.js) only as string literals, and an ONNX
// model only as names and doc strings (last tests): a property test exports graphs whose name, node ids and CSV column
// names hold quotes, backticks, `${`, newlines, `__proto__`, Python triple quotes and code. Python's own `ast` (for
// the two Python scripts) and V8 plus acorn (for the JavaScript program) then confirm that each program parses, that
// its identifiers (and, in JavaScript, its calls) are exactly those of a program exported from plainly named graphs
// (nothing foreign is defined, called or imported), and that every hostile text survives as the literal it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { parse as parseJavaScript } from 'acorn';
import { createProgram, Random } from '../../../src/core/index';
import { decodeOnnxModel, type OnnxModel } from '../../../src/graph/onnxSchema';
import { compileText, exportKeras, exportOnnx, exportPytorch, exportTfjs, type GraphExport } from '../../../src/graph/index';
import { runTorchScript } from '../../support/python';

const HOSTILE_TEXT = [
  '"', "'", '`', '${process.exit(1)}', '\n', '\r\n', '"""', "'''", '\\', '\\"', '__proto__', 'constructor',
  '"); import os; os.system("echo pwned"); ("', "'''); __import__('os').system('x'); ('''", '#', '{0}', '%s', '\u2028',
  '\u0000', '\t', 'é', '😀', 'f"{exec(1)}"', 'DATA = None', '\\N{BULLET}', '\\u0041',
] as const;

/** Ids must match [A-Za-z_][A-Za-z0-9_-]*; these are still Python words a careless generator would execute. */
const HOSTILE_IDS = ['__proto__', 'constructor', 'exec', 'import', '__import__', 'os', 'self', 'F', 'torch', 'None', 'sys-exit'] as const;

function pick<T>(random: Random, values: readonly T[]): T {
  return values[random.nextInt(values.length)];
}

function hostileText(random: Random): string {
  let text = '';
  for (let i = 0, count = 1 + random.nextInt(4); i < count; i++) text += pick(random, HOSTILE_TEXT);
  return text;
}

interface Names { graph: string; label: string; features: [string, string]; ids: string[] }

function graphText(names: Names): string {
  const [input, hidden, act, out, prob, loss] = names.ids;
  const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, params });
  return JSON.stringify({
    format: 'nngraph', version: 1, name: names.graph,
    nodes: [
      node(input, 'input', { dataset: { csv: 'data.csv', label: names.label, features: names.features } }),
      node(hidden, 'dense', { units: 4 }), node(act, 'activation', { fn: 'relu' }), node(out, 'dense', { units: 3 }),
      node(prob, 'activation', { fn: 'softmax' }), node(loss, 'cross-entropy', { mode: 'categorical' }),
    ],
    edges: [
      { from: `${input}.features`, to: `${hidden}.in` }, { from: `${hidden}.out`, to: `${act}.in` }, { from: `${act}.out`, to: `${out}.in` },
      { from: `${out}.out`, to: `${prob}.in` }, { from: `${prob}.out`, to: `${loss}.predictions` }, { from: `${input}.labels`, to: `${loss}.labels` },
    ],
  });
}

const PLAIN: Names = { graph: 'plain', label: 'kind', features: ['a', 'b'], ids: ['data', 'hidden', 'relu', 'out', 'prob', 'loss'] };

/** The plainly named graph first, then 40 with hostile names, ids and columns (distinct where they must be). */
function hostileCases(): Names[] {
  const random = new Random(12);
  const cases: Names[] = [PLAIN];
  for (let i = 0; i < 40; i++) {
    const ids = new Set<string>();
    while (ids.size < 6) ids.add(ids.size % 2 === 0 ? pick(random, HOSTILE_IDS) : `n${ids.size}_${pick(random, HOSTILE_IDS)}`);
    const label = hostileText(random);
    let second = hostileText(random);
    const first = `${hostileText(random)}1`;
    while (second === first || second === label) second += 'x';
    cases.push({ graph: hostileText(random), label: `${label}L`, features: [first, second === `${label}L` ? `${second}2` : second], ids: [...ids] });
  }
  return cases;
}

function compileNames(names: Names): Extract<ReturnType<typeof compileText>, { ok: true }> {
  const result = compileText(graphText(names), () => ({ featureCount: 2, classCount: 3, featureNames: [...names.features] }));
  assert.ok(result.ok, JSON.stringify(result));
  if (!result.ok) throw new Error('unreachable');
  return result;
}

function exported(names: Names, generate: (input: GraphExport) => string = exportPytorch): string {
  const compiled = compileNames(names);
  return generate({
    graphName: names.graph, spec: compiled.spec, training: compiled.training, normalize: compiled.normalize,
    data: { csv: 'data.csv', label: names.label, features: names.features }, defaultInitWeights: `${names.graph}.safetensors`,
  });
}

/** For each script: its identifiers (names, attributes, definitions, arguments, imports) and its string constants. */
const inspector = `
import ast, json, sys
report = []
for path in sys.argv[1:]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    identifiers, strings = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name): identifiers.add(node.id)
        elif isinstance(node, ast.Attribute): identifiers.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)): identifiers.add(node.name)
        elif isinstance(node, ast.arg): identifiers.add(node.arg)
        elif isinstance(node, ast.keyword) and node.arg: identifiers.add(node.arg)
        elif isinstance(node, ast.alias): identifiers.add(node.asname or node.name)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str): strings.append(node.value)
    report.append({"identifiers": sorted(identifiers), "strings": strings})
print(json.dumps(report))
`;

interface Inspected { identifiers: string[]; strings: string[]; calls?: string[] }

/** Every case has the plain graph's identifiers, and each of its texts is one of its string literals. */
function assertOnlyLiterals(cases: readonly Names[], reports: readonly Inspected[], language: string): void {
  const [baseline] = reports;
  reports.forEach((report, index) => {
    const names = cases[index];
    assert.deepEqual(report.identifiers, baseline.identifiers, `${language}: case ${index} (${JSON.stringify(names)}) has identifiers of its own`);
    // The dense layers' ids name their weights; the other ids have no reason to appear.
    for (const text of [names.graph, names.label, ...names.features, names.ids[1], names.ids[3]]) {
      assert.ok(report.strings.includes(text), `${language}: case ${index}: ${JSON.stringify(text)} is not one of the program's string literals`);
    }
  });
}

function inspectPython(cases: readonly Names[], generate: (input: GraphExport) => string): Inspected[] {
  const folder = mkdtempSync(join(tmpdir(), 'nngraph-export-names-'));
  try {
    const files = cases.map((names, index) => {
      const file = join(folder, `case${index}.py`);
      writeFileSync(file, exported(names, generate));
      return file;
    });
    const inspected = runTorchScript(inspector, folder, files);
    assert.ok(inspected.ok, inspected.stderr);
    return JSON.parse(inspected.stdout) as Inspected[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** An ESTree node as acorn builds it: its children are the values (or array items) that carry a `type`. */
type EsNode = { type: string } & Record<string, unknown>;

const isEsNode = (value: unknown): value is EsNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

function childrenOf(node: EsNode): EsNode[] {
  return Object.values(node).flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isEsNode);
}

/** What a call or `new` calls, as a path: `tf.layers.dense`, `model[<string "x">]`, `<call>()`… */
function calleePath(node: EsNode): string {
  switch (node.type) {
    case 'Identifier': return String(node.name);
    case 'ThisExpression': return 'this';
    case 'MemberExpression': {
      const property = node.property as EsNode;
      const member = node.computed
        ? `[${property.type === 'Literal' ? `<${typeof property.value} ${JSON.stringify(property.value)}>` : `<${property.type}>`}]`
        : `.${String(property.name)}`;
      return `${calleePath(node.object as EsNode)}${member}`;
    }
    case 'CallExpression': return `${calleePath(node.callee as EsNode)}()`;
    default: return `<${node.type}>`;
  }
}

/**
 * V8 compiles the program (without running it); acorn parses it as a module (strict mode, the stricter grammar) and
 * lists its identifiers, its string literals and what each call or `new` calls.
 */
function inspectJavaScript(program: string): Inspected {
  assert.doesNotThrow(() => new Script(program), 'the program is not valid JavaScript');
  const root = parseJavaScript(program, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as EsNode;
  const identifiers = new Set<string>();
  const strings: string[] = [];
  const calls: string[] = [];
  const pending: EsNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') identifiers.add(String(node.name));
    else if (node.type === 'Literal' && typeof node.value === 'string') strings.push(node.value);
    else if (node.type === 'TemplateLiteral') {
      const quasis = node.quasis as Array<{ value: { cooked: string | null } }>;
      if ((node.expressions as unknown[]).length > 0) identifiers.add('<template with substitutions>');
      else strings.push(quasis[0].value.cooked ?? '<template with an invalid escape>');
    } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      calls.push(`${node.type === 'NewExpression' ? 'new ' : ''}${calleePath(node.callee as EsNode)}`);
    }
    pending.push(...childrenOf(node).reverse());
  }
  return { identifiers: [...identifiers].sort(), strings, calls };
}

test('hostile graph names, ids and column names stay string literals in the exported PyTorch script', () => {
  const cases = hostileCases();
  assertOnlyLiterals(cases, inspectPython(cases, exportPytorch), 'PyTorch');
});

test('hostile graph names, ids and column names stay string literals in the exported Keras script', () => {
  const cases = hostileCases();
  assertOnlyLiterals(cases, inspectPython(cases, exportKeras), 'Keras');
});

test('hostile graph names, ids and column names stay string literals in the exported TF.js program', () => {
  const cases = hostileCases();
  const reports = cases.map((names) => inspectJavaScript(exported(names, exportTfjs)));
  assert.ok(!reports[0].identifiers.includes('<template with substitutions>'), 'the program builds no template strings');
  assert.ok(reports[0].identifiers.includes('require') && reports[0].calls?.includes('tf.layers.dense'), 'the walk reaches the program\'s calls');
  assertOnlyLiterals(cases, reports, 'TF.js');
  reports.forEach((report, index) => {
    assert.deepEqual(report.calls, reports[0].calls, `TF.js: case ${index} (${JSON.stringify(cases[index])}) calls something the plain graph's program does not`);
  });
});

test('numbers that are not finite never reach a script, in any target', () => {
  const compiled = compileText(graphText({ graph: 'g', label: 'kind', features: ['a', 'b'], ids: ['data', 'hidden', 'relu', 'out', 'prob', 'loss'] }),
    () => ({ featureCount: 2, classCount: 3, featureNames: ['a', 'b'] }));
  assert.ok(compiled.ok);
  if (!compiled.ok) return;
  const optimizer = { ...compiled.training.optimizer, learningRate: Number.NaN };
  for (const generate of [exportPytorch, exportKeras, exportTfjs]) {
    assert.throws(() => generate({
      graphName: 'g', spec: compiled.spec, training: { ...compiled.training, optimizer }, normalize: compiled.normalize, data: { csv: 'data.csv', label: 'kind' },
    }), /the learning rate must be a finite number, got NaN/);
    assert.throws(() => generate({
      graphName: 'g', spec: compiled.spec, training: { ...compiled.training, seed: Number.POSITIVE_INFINITY }, normalize: compiled.normalize, data: { csv: 'data.csv', label: 'kind' },
    }), /the seed must be a finite number/);
  }
});

function onnxExported(names: Names): Uint8Array {
  const { spec, training } = compileNames(names);
  const program = createProgram(spec, { seed: 5, batchSize: 4, optimizer: training.optimizer });
  try {
    return exportOnnx({
      graphName: names.graph, spec, weights: program.getWeights(), featureNames: names.features,
      normalization: { method: 'standard', offset: Float32Array.of(1, -2), scale: Float32Array.of(3, 0.5) },
      outputColumns: [`p(${names.label})`, 'p(b)', 'p(c)'], weightsSource: `the weights in ${names.graph}.safetensors`,
    });
  } finally {
    program.dispose();
  }
}

/** What must not depend on the names: every node's operator, inputs and outputs, and the weights' names. */
function structureOf(model: OnnxModel): unknown {
  return {
    nodes: model.graph.node.map((node) => [node.opType, node.input, node.output]),
    initializers: model.graph.initializer.map((tensor) => tensor.name),
    inputs: model.graph.input.map((value) => value.name), outputs: model.graph.output.map((value) => value.name),
  };
}

test('hostile graph names, ids and column names are only names and doc strings in an exported ONNX model, which onnxruntime runs', async () => {
  const cases = hostileCases();
  const baseline = structureOf(decodeOnnxModel(onnxExported(cases[0])));
  for (const [index, names] of cases.entries()) {
    const bytes = onnxExported(names);
    const model = decodeOnnxModel(bytes);
    const label = `case ${index} (${JSON.stringify(names)})`;
    assert.deepEqual(structureOf(model), baseline, `${label} changes the model's structure`);
    assert.equal(model.graph.name, names.graph);
    const nodeNames = model.graph.node.map((node) => node.name);
    for (const id of [names.ids[1], names.ids[2], names.ids[3], names.ids[4]]) assert.ok(nodeNames.includes(id), `${label}: no node named ${id}`);
    const metadata = new Map((model.metadataProps ?? []).map(({ key, value }) => [key, value]));
    assert.deepEqual(JSON.parse(metadata.get('feature_names') ?? 'null'), names.features);
    assert.deepEqual(JSON.parse(metadata.get('output_columns') ?? 'null'), [`p(${names.label})`, 'p(b)', 'p(c)']);
    const session = await InferenceSession.create(bytes);
    try {
      const result = await session.run({ features: new Tensor('float32', Float32Array.of(0.5, -1), [1, 2]) });
      const probabilities = Array.from(result.probabilities.data as Float32Array);
      assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${label}: ${JSON.stringify(probabilities)}`);
    } finally {
      await session.release();
    }
  }
});

test('weights that are not finite never reach an ONNX model', () => {
  const { spec, training } = compileNames(PLAIN);
  const program = createProgram(spec, { seed: 5, batchSize: 4, optimizer: training.optimizer });
  const weights = program.getWeights();
  program.dispose();
  weights[0].data[0] = Number.NaN;
  assert.throws(() => exportOnnx({
    graphName: 'g', spec, weights, featureNames: PLAIN.features, outputColumns: [], weightsSource: 'a test',
    normalization: { method: 'none', offset: new Float32Array(2), scale: new Float32Array(2).fill(1) },
  }), /the kernel of dense node 'hidden' holds a value that is not finite \(NaN\)/);
});
