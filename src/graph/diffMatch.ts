// Which node of the old graph is which node of the new one. Ids are only names: a node that was renamed is still the
// same layer when its type, parameters and wiring say so. The matching goes from the strongest evidence to the
// weakest, one round at a time, because every match made lets the neighbours of the matched nodes match too:
//   1. the same id and the same type;
//   2. the same type and parameters, and wired to the same (already matched) neighbours through the same ports;
//   3. the same type and parameters, and the only such node left on each side;
//   4. the same type (parameters changed), wired to the same matched neighbours;
//   5. last, the same id with a changed type (the node was replaced in place).
// A candidate is taken only when it is the single best one in both directions, so an ambiguous case stays
// unmatched (reported as removed + added) rather than guessed.
import { canonicalJson, effectiveParams } from './diffValues';
import { parseEndpoint } from './structure';
import type { GraphDocument, GraphNode } from './types';

export interface NodePair { beforeId: string; afterId: string }

/** One end of a wire as seen from a node: its own port, the other node and that node's port. */
interface Link { outgoing: boolean; ownPort: string; otherId: string; otherPort: string }

interface Side {
  nodes: Map<string, GraphNode>;
  links: Map<string, Link[]>;
  /** Type plus effective parameters, key order ignored. */
  signatures: Map<string, string>;
}

function readSide(graph: GraphDocument): Side {
  const nodes = new Map<string, GraphNode>();
  const links = new Map<string, Link[]>();
  const signatures = new Map<string, string>();
  for (const node of graph.nodes) {
    nodes.set(node.id, node);
    links.set(node.id, []);
    const params = effectiveParams(node.type, node.params);
    const sorted = [...params.keys()].sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(params.get(key))}`);
    signatures.set(node.id, `${node.type}|${sorted.join(',')}`);
  }
  for (const edge of graph.edges) {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    if (!from || !to) continue;
    links.get(from.nodeId)?.push({ outgoing: true, ownPort: from.port, otherId: to.nodeId, otherPort: to.port });
    links.get(to.nodeId)?.push({ outgoing: false, ownPort: to.port, otherId: from.nodeId, otherPort: from.port });
  }
  return { nodes, links, signatures };
}

type Candidacy = (beforeId: string, afterId: string) => boolean;

class Matching {
  readonly beforeToAfter = new Map<string, string>();
  readonly afterToBefore = new Map<string, string>();

  constructor(readonly before: Side, readonly after: Side) {}

  pair(beforeId: string, afterId: string): void {
    this.beforeToAfter.set(beforeId, afterId);
    this.afterToBefore.set(afterId, beforeId);
  }

  unmatchedBefore(): string[] {
    return [...this.before.nodes.keys()].filter((id) => !this.beforeToAfter.has(id));
  }

  unmatchedAfter(): string[] {
    return [...this.after.nodes.keys()].filter((id) => !this.afterToBefore.has(id));
  }

  /** How many wires of the old node reappear on the new one, to the matched counterparts of its neighbours. */
  wiringScore(beforeId: string, afterId: string): number {
    const afterLinks = this.after.links.get(afterId) ?? [];
    let score = 0;
    for (const link of this.before.links.get(beforeId) ?? []) {
      const otherAfter = this.beforeToAfter.get(link.otherId);
      if (otherAfter === undefined) continue;
      if (afterLinks.some((candidate) => candidate.outgoing === link.outgoing && candidate.ownPort === link.ownPort &&
        candidate.otherId === otherAfter && candidate.otherPort === link.otherPort)) score++;
    }
    return score;
  }
}

/** Pairs whose wiring agrees (score ≥ 1), each the single best choice for both of its nodes. */
function wiredPairs(matching: Matching, candidacy: Candidacy): NodePair[] {
  const afterIds = matching.unmatchedAfter();
  const best = new Map<string, { afterId: string; score: number; tied: boolean }>();
  const bestForAfter = new Map<string, { beforeId: string; score: number; tied: boolean }>();
  for (const beforeId of matching.unmatchedBefore()) {
    for (const afterId of afterIds) {
      if (!candidacy(beforeId, afterId)) continue;
      const score = matching.wiringScore(beforeId, afterId);
      if (score === 0) continue;
      const current = best.get(beforeId);
      if (!current || score > current.score) best.set(beforeId, { afterId, score, tied: false });
      else if (score === current.score) current.tied = true;
      const currentAfter = bestForAfter.get(afterId);
      if (!currentAfter || score > currentAfter.score) bestForAfter.set(afterId, { beforeId, score, tied: false });
      else if (score === currentAfter.score) currentAfter.tied = true;
    }
  }
  const pairs: NodePair[] = [];
  for (const [beforeId, choice] of best) {
    const reverse = bestForAfter.get(choice.afterId);
    if (!choice.tied && reverse && !reverse.tied && reverse.beforeId === beforeId) pairs.push({ beforeId, afterId: choice.afterId });
  }
  return pairs;
}

/** Pairs of nodes whose signature occurs exactly once among the unmatched nodes of each side. */
function uniqueSignaturePairs(matching: Matching): NodePair[] {
  const count = (ids: string[], side: Side): Map<string, string[]> => {
    const bySignature = new Map<string, string[]>();
    for (const id of ids) {
      const signature = side.signatures.get(id) ?? '';
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), id]);
    }
    return bySignature;
  };
  const beforeBySignature = count(matching.unmatchedBefore(), matching.before);
  const afterBySignature = count(matching.unmatchedAfter(), matching.after);
  const pairs: NodePair[] = [];
  for (const [signature, beforeIds] of beforeBySignature) {
    const afterIds = afterBySignature.get(signature);
    if (beforeIds.length === 1 && afterIds?.length === 1) pairs.push({ beforeId: beforeIds[0], afterId: afterIds[0] });
  }
  return pairs;
}

/** Matches the nodes of two graphs; every node appears in at most one pair. */
export function matchNodes(beforeGraph: GraphDocument, afterGraph: GraphDocument): NodePair[] {
  const matching = new Matching(readSide(beforeGraph), readSide(afterGraph));
  const { before, after } = matching;
  for (const [id, node] of before.nodes) {
    if (after.nodes.get(id)?.type === node.type) matching.pair(id, id);
  }
  const sameSignature: Candidacy = (b, a) => before.signatures.get(b) === after.signatures.get(a);
  const sameType: Candidacy = (b, a) => before.nodes.get(b)?.type === after.nodes.get(a)?.type;
  const rounds: Array<() => NodePair[]> = [
    () => wiredPairs(matching, sameSignature),
    () => uniqueSignaturePairs(matching),
    () => wiredPairs(matching, sameType),
  ];
  // Each round that finds pairs starts the sequence again from the strongest evidence.
  for (let roundIndex = 0; roundIndex < rounds.length;) {
    const pairs = rounds[roundIndex]();
    for (const { beforeId, afterId } of pairs) matching.pair(beforeId, afterId);
    roundIndex = pairs.length > 0 ? 0 : roundIndex + 1;
  }
  for (const id of matching.unmatchedBefore()) {
    if (after.nodes.has(id) && !matching.afterToBefore.has(id)) matching.pair(id, id);
  }
  return [...matching.beforeToAfter].map(([beforeId, afterId]) => ({ beforeId, afterId }));
}
