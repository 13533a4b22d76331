// The catalogue of diagnostic codes. Codes are stable: a code, once released, keeps its meaning; retired codes are
// never reused. Every code is documented in docs/diagnostics.md and has a fixture under test/fixtures/diagnostics/.
import type { Diagnostic, Severity, TextRange } from './types';

export interface DiagnosticCodeInfo {
  code: string;
  /** Short kebab-case name, also the fixture file's suffix: `NG010-wrong-type.nngraph`. */
  name: string;
  severity: Severity;
  /** What the code means, in one line (the message itself names the node, field and values). */
  summary: string;
}

export const DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  { code: 'NG001', name: 'json-syntax', severity: 'error', summary: 'The text is not valid JSON.' },
  { code: 'NG002', name: 'json-comment', severity: 'error', summary: 'Comments are not allowed in a .nngraph file.' },
  { code: 'NG003', name: 'json-trailing-comma', severity: 'error', summary: 'A trailing comma is not allowed in JSON.' },
  { code: 'NG004', name: 'not-an-object', severity: 'error', summary: 'The file must hold one JSON object.' },
  { code: 'NG005', name: 'bad-format', severity: 'error', summary: '`format` is missing or is not "nngraph".' },
  { code: 'NG006', name: 'bad-version', severity: 'error', summary: '`version` is missing or is not an integer ≥ 1.' },
  { code: 'NG007', name: 'version-too-new', severity: 'error', summary: 'The file was written for a newer version of NN Graph.' },
  { code: 'NG008', name: 'unknown-field', severity: 'warning', summary: 'A field NN Graph does not know, or one that has no effect here; it is kept.' },
  { code: 'NG009', name: 'missing-field', severity: 'error', summary: 'A required field or parameter is missing.' },
  { code: 'NG010', name: 'wrong-type', severity: 'error', summary: 'A field holds a value of the wrong JSON type (or a fraction where an integer is needed).' },
  { code: 'NG011', name: 'out-of-range', severity: 'error', summary: 'A number lies outside the range the field allows.' },
  { code: 'NG012', name: 'unknown-value', severity: 'error', summary: 'A field holds a value that is not one of the allowed choices.' },
  { code: 'NG013', name: 'unknown-node-type', severity: 'error', summary: 'A node has a `type` NN Graph does not know.' },
  { code: 'NG014', name: 'invalid-id', severity: 'error', summary: 'A node id is not `[A-Za-z_][A-Za-z0-9_-]*` of at most 64 characters.' },
  { code: 'NG015', name: 'duplicate-id', severity: 'error', summary: 'Two nodes have the same id.' },
  { code: 'NG016', name: 'bad-endpoint', severity: 'error', summary: 'An edge endpoint is not of the form "<nodeId>.<port>".' },
  { code: 'NG017', name: 'unknown-edge-node', severity: 'error', summary: 'An edge refers to a node that does not exist.' },
  { code: 'NG018', name: 'unknown-port', severity: 'error', summary: 'An edge refers to a port the node does not have.' },
  { code: 'NG019', name: 'wrong-port-direction', severity: 'error', summary: 'An edge starts at an input port or ends at an output port.' },
  { code: 'NG020', name: 'port-already-connected', severity: 'error', summary: 'An input port has more than one incoming edge.' },
  { code: 'NG021', name: 'unconnected-input', severity: 'warning', summary: 'A node has an input port with no incoming edge.' },
  { code: 'NG022', name: 'input-node-count', severity: 'warning', summary: 'A graph needs exactly one input node.' },
  { code: 'NG023', name: 'loss-node-count', severity: 'warning', summary: 'A graph needs exactly one loss node (cross-entropy or mse).' },
  { code: 'NG024', name: 'off-path-node', severity: 'warning', summary: 'A node is not on a path from the input\'s features to the loss\'s predictions.' },
  { code: 'NG025', name: 'cycle', severity: 'error', summary: 'The edges form a cycle.' },
  { code: 'NG026', name: 'unknown-dataset', severity: 'error', summary: 'The built-in dataset name is not known.' },
  { code: 'NG027', name: 'bad-dataset', severity: 'error', summary: 'The dataset is neither `{ "builtin": … }` nor `{ "csv": … }`.' },
  { code: 'NG028', name: 'csv-path-outside', severity: 'error', summary: 'The CSV path is absolute or leads outside the workspace.' },
  { code: 'NG029', name: 'shape-mismatch', severity: 'error', summary: 'The two inputs of an add node have different shapes.' },
  { code: 'NG030', name: 'class-count-mismatch', severity: 'error', summary: 'Categorical cross-entropy predictions are not one column per class.' },
  { code: 'NG031', name: 'needs-softmax', severity: 'error', summary: 'Categorical cross-entropy reads neither a softmax nor logits.' },
  { code: 'NG032', name: 'binary-width', severity: 'error', summary: 'Binary cross-entropy predictions are not one column per label column.' },
  { code: 'NG033', name: 'binary-needs-two-classes', severity: 'error', summary: 'Binary cross-entropy on a dataset that does not have two classes.' },
  { code: 'NG034', name: 'loss-dataset-mismatch', severity: 'error', summary: 'Cross-entropy on a dataset with real-valued labels.' },
  { code: 'NG035', name: 'mse-width', severity: 'error', summary: 'MSE predictions are not one column per label column.' },
  { code: 'NG036', name: 'labels-misuse', severity: 'error', summary: 'The loss\'s labels do not come from the input\'s labels, or the labels feed a layer.' },
  { code: 'NG037', name: 'binary-not-probability', severity: 'warning', summary: 'Binary cross-entropy reads values that are not probabilities.' },
  { code: 'NG038', name: 'activation-before-logits', severity: 'warning', summary: '`fromLogits` is true but the predictions come from a sigmoid or softmax.' },
  { code: 'NG039', name: 'softmax-single-unit', severity: 'warning', summary: 'A softmax over one unit always outputs 1.' },
  { code: 'NG040', name: 'duplicate-key', severity: 'error', summary: 'An object has the same key twice.' },
  { code: 'NG041', name: 'dataset-unavailable', severity: 'error', summary: 'Compiling needs the dataset\'s size, and it could not be read.' },
  { code: 'NG042', name: 'model-too-large', severity: 'error', summary: 'Training the model would need more memory than the limit (2 GB).' },
  { code: 'NG043', name: 'csv-unreadable', severity: 'error', summary: 'The CSV file is missing, not a file, over the size cap, or has a bad row.' },
  { code: 'NG045', name: 'early-stopping-without-validation', severity: 'error', summary: 'Early stopping is set but validationSplit holds out no rows.' },
  { code: 'NG050', name: 'too-deep', severity: 'error', summary: 'Objects and arrays are nested more than 100 levels deep.' },
  { code: 'NG051', name: 'no-dataset', severity: 'warning', summary: 'The input node declares its featureCount but names no dataset yet; training needs one (predicting takes rows from nngraph predict --input).' },
  { code: 'NG052', name: 'feature-count-mismatch', severity: 'error', summary: 'The dataset has another number of features than the input node\'s featureCount.' },
  { code: 'NG053', name: 'features-no-columns', severity: 'error', summary: 'A features node makes no columns: nothing is included, or only the products of a single column.' },
  { code: 'NG044', name: 'single-class-validation', severity: 'warning', summary: 'With shuffle off, the validation rows (the file\'s last) all hold one class.' },
];

/**
 * Reported only when a check itself fails (a bug, never bad input), so that it shows up instead of an exception.
 * Deliberately not in DIAGNOSTIC_CODES: the property tests fail if it is ever produced.
 */
export const INTERNAL_ERROR_CODE = 'NG000';

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number]['code'];

const infoByCode = new Map(DIAGNOSTIC_CODES.map((info) => [info.code, info]));

export function diagnosticInfo(code: string): DiagnosticCodeInfo | undefined {
  return infoByCode.get(code);
}

/** Where a diagnostic belongs beyond its range: the node and the dotted field path. */
export interface DiagnosticPlace { nodeId?: string; field?: string }

export function makeDiagnostic(code: string, message: string, range: TextRange, place: DiagnosticPlace = {}): Diagnostic {
  const info = infoByCode.get(code);
  // An unknown code is a programming error here, not bad input; fall back to an error rather than throw.
  const severity: Severity = info ? info.severity : 'error';
  const diagnostic: Diagnostic = { code, severity, message, range };
  if (place.nodeId !== undefined) diagnostic.nodeId = place.nodeId;
  if (place.field !== undefined) diagnostic.field = place.field;
  return diagnostic;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Quotes a value from the file for a message, shortened so a huge string cannot flood the Problems panel. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
