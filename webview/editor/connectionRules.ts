// Whether a new wire is allowed: the structural rules while dragging (cheap, on every hover), and on drop a trial
// analysis of the graph with the wire, which refuses wires whose tensor shapes do not fit, saying why.
import {
  applyEdit, checkConnection, type ConnectionVerdict, type DatasetInfo, type Diagnostic, type GraphDocument,
  type GraphEdge, type JsonObject, parseEndpoint,
} from '../../src/graph/index';
import { analyzeText } from './useGraphDocument';

/** Codes of shape disagreements: a wire that introduces one of these is refused. */
const SHAPE_CODES = new Set(['NG029', 'NG030', 'NG032', 'NG035']);

function problemKey(d: Diagnostic): string {
  return `${d.code}|${d.nodeId ?? ''}|${d.message}`;
}

export function checkWire(graph: GraphDocument, doc: JsonObject, edge: GraphEdge, before: readonly Diagnostic[],
  datasetInfo: DatasetInfo | undefined): ConnectionVerdict {
  const structural = checkConnection(graph, edge);
  if (!structural.ok) return structural;
  const trial = applyEdit(doc, { kind: 'connect', from: edge.from, to: edge.to });
  if (!trial.ok) return { ok: false, reason: trial.message };
  const known = new Set(before.map(problemKey));
  const after = analyzeText(JSON.stringify(trial.value), datasetInfo).diagnostics;
  const introduced = after.find((d) => d.severity === 'error' && SHAPE_CODES.has(d.code) && !known.has(problemKey(d)));
  if (introduced) {
    const target = parseEndpoint(edge.to)?.nodeId ?? '';
    return { ok: false, reason: `Shapes do not fit at ${target}: ${introduced.message}` };
  }
  return { ok: true };
}
