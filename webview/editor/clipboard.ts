// The graph editor's clipboard format: nodes as the file holds them (unknown fields included) and the wires between
// them, as JSON text, so copies also paste into another graph or a text editor.
import type { GraphEdge, JsonObject } from '../../src/graph/index';

const MARKER = 'nngraph-clipboard';

export interface ClipboardContent { nodes: JsonObject[]; edges: GraphEdge[] }

export function selectionToClipboard(doc: JsonObject, nodeIds: ReadonlySet<string>): ClipboardContent {
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []).filter((node): node is JsonObject =>
    typeof node === 'object' && node !== null && !Array.isArray(node) && typeof node.id === 'string' && nodeIds.has(node.id));
  const edges = (Array.isArray(doc.edges) ? doc.edges : []).flatMap((edge) => {
    if (typeof edge !== 'object' || edge === null || Array.isArray(edge)) return [];
    const { from, to } = edge;
    if (typeof from !== 'string' || typeof to !== 'string') return [];
    const fromNode = from.slice(0, from.lastIndexOf('.'));
    const toNode = to.slice(0, to.lastIndexOf('.'));
    return nodeIds.has(fromNode) && nodeIds.has(toNode) ? [{ from, to }] : [];
  });
  return { nodes, edges };
}

export function serializeClipboard(content: ClipboardContent): string {
  return JSON.stringify({ [MARKER]: 1, ...content }, null, 2);
}

/** The content of clipboard text, or undefined when it is not something this editor copied. */
export function parseClipboard(text: string): ClipboardContent | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value[MARKER] !== 1 || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
    const nodes = value.nodes.filter((n): n is JsonObject => typeof n === 'object' && n !== null && !Array.isArray(n));
    const edges = value.edges.filter((e): e is GraphEdge =>
      typeof e === 'object' && e !== null && typeof (e as GraphEdge).from === 'string' && typeof (e as GraphEdge).to === 'string');
    return { nodes, edges };
  } catch {
    return undefined;
  }
}
