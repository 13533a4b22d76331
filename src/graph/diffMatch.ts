// Which node of the old graph is which node of the new one. Ids are only names: a node that was renamed is still the
// same layer when its type, parameters and wiring say so. The matching goes from the strongest evidence to the
// weakest, and every match made lets the neighbours of the matched nodes match too:
//   1. the same id and the same type;
//   2. the same type and parameters, and wired to the same (already matched) neighbours through the same ports;
//   3. the same type and parameters, and the only such node left on each side;
//   4. the same type (parameters changed), wired to the same matched neighbours;
//   5. last, the same id with a changed type (the node was replaced in place).
// A candidate is taken only when it is the single best one in both directions, so an ambiguous case stays
// unmatched (reported as removed + added) rather than guessed. Steps 2 and 4 spread from each new match to its
// neighbours only (a work list), so a wholly renamed chain of n nodes costs O(n), not n rounds over the graph.
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

/** Whether an old node and a new node may be the same node at all (same signature, or same type). */
type Candidacy = (beforeId: string, afterId: string) => boolean;

/**
 * The nodes on `to`'s side that share at least one wire with `id` through already matched neighbours (the same
 * ports at both ends), with how many wires they share; only nodes not matched yet.
 */
function wiredCandidates(id: string, from: Side, to: Side, fromToTo: ReadonlyMap<string, string>, toMatched: ReadonlyMap<string, string>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const link of from.links.get(id) ?? []) {
    const neighbour = fromToTo.get(link.otherId);
    if (neighbour === undefined) continue;
    for (const back of to.links.get(neighbour) ?? []) {
      // The same wire seen from the neighbour's side: the other direction, the ports swapped.
      if (back.outgoing === link.outgoing || back.ownPort !== link.otherPort || back.otherPort !== link.ownPort) continue;
      if (toMatched.has(back.otherId)) continue;
      scores.set(back.otherId, (scores.get(back.otherId) ?? 0) + 1);
    }
  }
  return scores;
}

/** The single highest-scoring id among those allowed, or undefined when there is none or a tie. */
function uniqueBest(scores: ReadonlyMap<string, number>, allowed: (id: string) => boolean): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  let tied = false;
  for (const [id, score] of scores) {
    if (!allowed(id)) continue;
    if (score > bestScore) {
      best = id;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

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

  /** Unmatched old nodes within two wires of `beforeId`: the ones whose candidates a match there can change. */
  private nearbyUnmatched(beforeId: string): string[] {
    const near = new Set<string>();
    for (const link of this.before.links.get(beforeId) ?? []) {
      near.add(link.otherId);
      for (const second of this.before.links.get(link.otherId) ?? []) near.add(second.otherId);
    }
    return [...near].filter((id) => !this.beforeToAfter.has(id));
  }

  /**
   * Matches by wiring, spreading from `start`: a node is paired with its single best wired candidate when it is that
   * candidate's single best too; each new pair puts the unmatched nodes near it back on the work list.
   */
  spreadByWiring(start: readonly string[], candidacy: Candidacy): number {
    const work = [...start];
    const queued = new Set(work);
    let found = 0;
    while (work.length > 0) {
      const beforeId = work.pop() as string;
      queued.delete(beforeId);
      if (this.beforeToAfter.has(beforeId)) continue;
      const afterId = uniqueBest(wiredCandidates(beforeId, this.before, this.after, this.beforeToAfter, this.afterToBefore),
        (candidate) => candidacy(beforeId, candidate));
      if (afterId === undefined) continue;
      const back = uniqueBest(wiredCandidates(afterId, this.after, this.before, this.afterToBefore, this.beforeToAfter),
        (candidate) => candidacy(candidate, afterId));
      if (back !== beforeId) continue;
      this.pair(beforeId, afterId);
      found++;
      for (const id of this.nearbyUnmatched(beforeId)) {
        if (!queued.has(id)) {
          queued.add(id);
          work.push(id);
        }
      }
    }
    return found;
  }

  /** Pairs nodes whose signature occurs exactly once among the unmatched nodes of each side; returns how many. */
  pairUniqueSignatures(): number {
    const group = (ids: string[], side: Side): Map<string, string[]> => {
      const bySignature = new Map<string, string[]>();
      for (const id of ids) {
        const signature = side.signatures.get(id) ?? '';
        const list = bySignature.get(signature);
        if (list) list.push(id);
        else bySignature.set(signature, [id]);
      }
      return bySignature;
    };
    const afterBySignature = group(this.unmatchedAfter(), this.after);
    let found = 0;
    for (const [signature, beforeIds] of group(this.unmatchedBefore(), this.before)) {
      const afterIds = afterBySignature.get(signature);
      if (beforeIds.length === 1 && afterIds?.length === 1) {
        this.pair(beforeIds[0], afterIds[0]);
        found++;
      }
    }
    return found;
  }
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
  // Each weaker step that finds pairs hands back to the strongest one, which spreads from the new pairs.
  for (;;) {
    matching.spreadByWiring(matching.unmatchedBefore(), sameSignature);
    if (matching.pairUniqueSignatures() > 0) continue;
    if (matching.spreadByWiring(matching.unmatchedBefore(), sameType) > 0) continue;
    break;
  }
  for (const id of matching.unmatchedBefore()) {
    if (after.nodes.has(id) && !matching.afterToBefore.has(id)) matching.pair(id, id);
  }
  return [...matching.beforeToAfter].map(([beforeId, afterId]) => ({ beforeId, afterId }));
}
