// The contract of the .nngraph model, shared by the command line, the extension host and the webview.
import type { ActivationName, InitializerName } from '../core/index';

export type Severity = 'error' | 'warning' | 'info';

/** A 0-based position in the text, as VS Code counts (the command line prints line + 1 and column + 1). */
export interface TextPosition { line: number; column: number }

export interface TextRange { start: TextPosition; end: TextPosition; startOffset: number; endOffset: number }

export interface Diagnostic {
  /** Stable code, `NG001`…; documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  message: string;
  nodeId?: string;
  /** The field within the node (or file) the problem is in, as a dotted path: `params.units`, `training.epochs`. */
  field?: string;
  range: TextRange;
}

export type NodeType = 'input' | 'dense' | 'activation' | 'dropout' | 'features' | 'add' | 'concat' | 'cross-entropy' | 'mse';

export interface Position { x: number; y: number }

/** A node as the file holds it; `params` keeps the file's values (defaults are not filled in). */
export interface GraphNode {
  id: string; type: NodeType; position: Position; params: Record<string, unknown>;
  /** Fields of the node object this version does not know, kept as they are so saving loses nothing. */
  extra?: Record<string, unknown>;
}

/** An edge endpoint pair, each `<nodeId>.<port>`. */
export interface GraphEdge {
  from: string; to: string;
  /** Unknown fields of the edge object, kept as they are. */
  extra?: Record<string, unknown>;
}

export interface GraphDocument {
  format: 'nngraph';
  version: number;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  training: Record<string, unknown>;
  /** Unknown top-level fields, kept as they are. */
  extra?: Record<string, unknown>;
}

/** A tensor shape: `'batch'` for the batch dimension, a number for a known size, `null` when unknown. */
export type ShapeDim = number | 'batch' | null;
export type Shape = ShapeDim[];

/** What the graph code needs to know about a data set without loading it (CSV header read by the caller). */
export interface DatasetInfo {
  featureCount: number;
  /** Classes for classification sets; 0 for a real-valued (regression) label. */
  classCount: number;
  featureNames?: string[];
  classNames?: string[];
  /** Label columns per sample: 1 (the default) unless the set is multi-label (k columns of 0/1). */
  labelWidth?: number;
  /** Rows in the file, and how many rows at its end share the last row's class (classification); when known. */
  sampleCount?: number;
  lastClassRun?: number;
}

export type DatasetRef =
  | { kind: 'builtin'; name: string; options: Record<string, number> }
  | { kind: 'csv'; path: string; label: string; features?: string[] };

export interface SummaryRow {
  nodeId: string;
  type: NodeType;
  /** e.g. `dense(10)` or `activation(relu)`. */
  detail: string;
  outputShape: Shape | undefined;
  paramCount: number;
  /** Forward FLOPs for one sample (cost.ts states the rule). */
  flops: number;
}

export interface ModelSummary {
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  totalFlops: number;
  /** Nodes off the path from the input to the loss (a branch that feeds nothing): drawn, but not in the model. */
  leftOut: string[];
}

export type { ActivationName, InitializerName };
