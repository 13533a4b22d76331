// Large .nngraph texts for the graph-layer benchmark: a graph of n nodes with random wiring, a file with 100k keys
// in one object, and a file of a given size. Seeded, so every run checks the same texts.
import { formatGraphText, type JsonObject, type JsonValue } from '../src/graph/format';

/** A small deterministic generator (mulberry32), so the texts do not depend on Math.random. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An input, `n - 2` dense/activation/add nodes each fed from random earlier nodes (so the wiring is a random DAG, not
 * a chain), and a loss fed by the last node. Every node lies on the path to the loss only by chance: the checks
 * report the others, as they would in a real large file.
 */
export function randomGraph(n: number, seed = 1): JsonObject {
  const uniform = seededUniform(seed);
  const nodes: JsonValue[] = [{ id: 'data', type: 'input', position: { x: 0, y: 0 }, params: { dataset: { builtin: 'moons', samples: 1000 } } }];
  const edges: JsonValue[] = [{ from: 'data.labels', to: 'loss.labels' }];
  const outputs = ['data.features'];
  const earlier = (): string => outputs[Math.floor(uniform() * outputs.length)];
  for (let i = 0; i < n - 2; i++) {
    const kind = i % 3;
    const id = `n${i}`;
    const position = { x: (i % 100) * 200, y: Math.floor(i / 100) * 120 };
    if (kind === 0) {
      nodes.push({ id, type: 'dense', position, params: { units: 8 } });
      edges.push({ from: earlier(), to: `${id}.in` });
    } else if (kind === 1) {
      nodes.push({ id, type: 'activation', position, params: { fn: 'relu' } });
      edges.push({ from: earlier(), to: `${id}.in` });
    } else {
      nodes.push({ id, type: 'add', position, params: {} });
      edges.push({ from: earlier(), to: `${id}.a` }, { from: earlier(), to: `${id}.b` });
    }
    outputs.push(`${id}.out`);
  }
  nodes.push({ id: 'loss', type: 'mse', position: { x: 0, y: -200 }, params: {} });
  edges.push({ from: outputs[outputs.length - 1], to: 'loss.predictions' });
  return { format: 'nngraph', version: 1, name: `random graph of ${n} nodes`, nodes, edges, training: { epochs: 1 } };
}

/** The text of a random graph. */
export function randomGraphText(n: number, seed = 1): string {
  return formatGraphText(randomGraph(n, seed));
}

/** A small valid graph whose dense node's params hold `keyCount` extra keys (each one an unknown-field warning). */
export function manyKeysText(keyCount: number): string {
  const graph = randomGraph(3);
  const params: JsonObject = { units: 1 };
  for (let i = 0; i < keyCount; i++) params[`k${i}`] = i;
  const nodes = graph.nodes as JsonObject[];
  nodes[1] = { ...nodes[1], params };
  return JSON.stringify(graph);
}

/** A random graph with as many nodes as it takes to reach about `bytes` of text. */
export function graphTextOfSize(bytes: number): { text: string; nodeCount: number } {
  const perNode = randomGraphText(1000).length / 1000;
  const nodeCount = Math.max(3, Math.round(bytes / perNode));
  return { text: randomGraphText(nodeCount), nodeCount };
}
