// The checked wires by node number (the order of `nodesById`), for the passes that visit every node and wire: the
// topological order and the walks that find what the features reach and what leads to the loss. A Map or Set keyed
// by id costs a string hash and a cache miss per step; on a file of 50k nodes those walks were the largest part of a
// check. Numbers are given once, then every step is an array access.
import type { GraphNode } from './types';
import type { Wire } from './structure';

export interface NumberedWiring {
  /** Node number → node. */
  nodes: GraphNode[];
  numberOf: Map<string, number>;
  /** The wires out of node n are outWires[outStart[n]] … outWires[outStart[n + 1] - 1], in the file's order. */
  outStart: Int32Array;
  outWires: Wire[];
  /** The number of the node each of outWires goes to. */
  outTargets: Int32Array;
  /** The nodes wired into node n are inSources[inStart[n]] … inSources[inStart[n + 1] - 1], by the wires inWires[…]. */
  inStart: Int32Array;
  inSources: Int32Array;
  inWires: Wire[];
}

/** The numbered wiring of `nodes` (numbered by their place in it) and `wires` (in the file's order). */
export function numberWiring(nodes: GraphNode[], numberOf: Map<string, number>, wires: readonly Wire[]): NumberedWiring {
  // The wires out of each node stay in the file's order: a counting sort by source number.
  const outStart = new Int32Array(nodes.length + 1);
  for (const wire of wires) outStart[wire.fromNumber + 1]++;
  for (let n = 0; n < nodes.length; n++) outStart[n + 1] += outStart[n];
  const outWires: Wire[] = new Array<Wire>(wires.length);
  const outTargets = new Int32Array(wires.length);
  const outFilled = outStart.slice(0, nodes.length);
  const inCount = new Int32Array(nodes.length + 1);
  for (const wire of wires) {
    const slot = outFilled[wire.fromNumber]++;
    outWires[slot] = wire;
    outTargets[slot] = wire.toNumber;
    inCount[wire.toNumber + 1]++;
  }
  const inStart = new Int32Array(nodes.length + 1);
  for (let n = 0; n < nodes.length; n++) inStart[n + 1] = inStart[n] + inCount[n + 1];
  const inSources = new Int32Array(wires.length);
  const inWires: Wire[] = new Array<Wire>(wires.length);
  const filled = inStart.slice(0, nodes.length);
  for (let n = 0; n < nodes.length; n++) {
    for (let k = outStart[n]; k < outStart[n + 1]; k++) {
      const slot = filled[outTargets[k]]++;
      inSources[slot] = n;
      inWires[slot] = outWires[k];
    }
  }
  return { nodes, numberOf, outStart, outWires, outTargets, inStart, inSources, inWires };
}

/** Kahn's algorithm in file order: node numbers in a topological order, nodes on or behind a cycle left out. */
export function topologicalOrder(wiring: NumberedWiring): number[] {
  const count = wiring.nodes.length;
  const pending = new Int32Array(count);
  for (let n = 0; n < count; n++) pending[n] = wiring.inStart[n + 1] - wiring.inStart[n];
  const ready: number[] = [];
  for (let n = 0; n < count; n++) if (pending[n] === 0) ready.push(n);
  // A moving head instead of shift(): shift copies the queue, quadratic on a graph of 50k nodes.
  for (let head = 0; head < ready.length; head++) {
    const n = ready[head];
    for (let k = wiring.outStart[n]; k < wiring.outStart[n + 1]; k++) {
      const target = wiring.outTargets[k];
      if (--pending[target] === 0) ready.push(target);
    }
  }
  return ready;
}

/** Marks (1) the nodes reached from `starts`, themselves included, along wires, except the wires `skip` names. */
export function reachedFrom(
  wiring: NumberedWiring, starts: Iterable<number>, direction: 'downstream' | 'upstream', skip?: (wire: Wire) => boolean,
): Uint8Array {
  const reached = new Uint8Array(wiring.nodes.length);
  const stack = [...starts];
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (reached[n] === 1) continue;
    reached[n] = 1;
    if (direction === 'upstream') {
      for (let k = wiring.inStart[n]; k < wiring.inStart[n + 1]; k++) stack.push(wiring.inSources[k]);
      continue;
    }
    for (let k = wiring.outStart[n]; k < wiring.outStart[n + 1]; k++) {
      if (!skip?.(wiring.outWires[k])) stack.push(wiring.outTargets[k]);
    }
  }
  return reached;
}
