// Checks a node's `params` against its type's table in nodeTypes.ts.
import {
  checkBoolean, checkEnum, checkEnumSet, checkInteger, checkNumber, checkUnknownKeys, sentence, type Reporter, type ValueSite,
} from './checks';
import { checkDataset, type CsvPathOptions } from './datasets';
import { quote, type DiagnosticPlace } from './diagnostics';
import { NODE_TYPES, type ParamSpec } from './nodeTypes';
import type { JsonPath } from './source';
import type { DatasetRef, GraphNode } from './types';

export interface CheckedParams {
  /** For an input node: its dataset, when valid. */
  dataset?: DatasetRef;
}

/** Per node type, the names of its params and the hint naming them, built once: every node of a file is checked. */
const paramNamesByType = new Map<GraphNode['type'], { known: string[]; hint: string }>();

function paramNames(type: GraphNode['type']): { known: string[]; hint: string } {
  let names = paramNamesByType.get(type);
  if (!names) {
    const known = NODE_TYPES[type].params.map((p) => p.name);
    const hint = known.length > 0 ? ` A ${type} node takes ${known.join(', ')}.` : ` A ${type} node takes no params.`;
    names = { known, hint };
    paramNamesByType.set(type, names);
  }
  return names;
}

/** Where a param is, built only when a check reports on it (most params of a large file are fine). */
class ParamSite implements ValueSite {
  constructor(private readonly paramsPath: JsonPath, private readonly nodeId: string, private readonly name: string, private readonly where: () => string) {}

  get path(): JsonPath {
    return [...this.paramsPath, this.name];
  }

  get place(): DiagnosticPlace {
    return { nodeId: this.nodeId, field: `params.${this.name}` };
  }

  get label(): string {
    return `"${this.name}" of ${this.where()}`;
  }
}

export function checkNodeParams(reporter: Reporter, node: GraphNode, nodePath: JsonPath, pathOptions: CsvPathOptions): CheckedParams {
  const info = NODE_TYPES[node.type];
  const paramsPath = [...nodePath, 'params'];
  let whereText: string | undefined;
  const where = (): string => (whereText ??= `${node.type} node ${quote(node.id)}`);
  const { known, hint } = paramNames(node.type);
  checkUnknownKeys(reporter, node.params, known, paramsPath, { nodeId: node.id, field: 'params' }, () => `the params of ${where()}`, hint);
  const checked: CheckedParams = {};
  for (const spec of info.params) {
    const value = node.params[spec.name];
    if (value === undefined) {
      if (spec.required && spec.requiredUnless !== undefined && node.params[spec.requiredUnless] !== undefined) {
        reportNoDatasetYet(reporter, node, paramsPath, where);
      } else if (spec.required) {
        // The value is missing, so the narrowest place is the params object (the locator falls back to the node).
        reporter.report('NG009', `${sentence(where())} needs the parameter ${quote(spec.name)}: ${spec.description}`, paramsPath,
          new ParamSite(paramsPath, node.id, spec.name, where).place);
      }
      continue;
    }
    const site = new ParamSite(paramsPath, node.id, spec.name, where);
    if (spec.kind === 'dataset') checked.dataset = checkDataset(reporter, site, value, pathOptions);
    else checkParamValue(reporter, site, spec, value);
  }
  if (node.type === 'activation') checkAlphaApplies(reporter, node, paramsPath, where);
  return checked;
}

function checkParamValue(reporter: Reporter, site: ValueSite, spec: Exclude<ParamSpec, { kind: 'dataset' }>, value: unknown): void {
  switch (spec.kind) {
    case 'integer':
      checkInteger(reporter, site, value, { min: spec.min, max: spec.max });
      return;
    case 'number':
      checkNumber(reporter, site, value, spec);
      return;
    case 'boolean':
      checkBoolean(reporter, site, value);
      return;
    case 'enum':
      checkEnum(reporter, site, value, spec.values);
      return;
    case 'enumSet':
      checkEnumSet(reporter, site, value, spec.values);
      return;
  }
}

/** An input node that declares its featureCount and names no dataset yet (an imported model): one warning says what is missing. */
function reportNoDatasetYet(reporter: Reporter, node: GraphNode, paramsPath: JsonPath, where: () => string): void {
  const count = node.params.featureCount;
  const features = typeof count === 'number' ? `${count} feature column${count === 1 ? '' : 's'}` : 'the feature columns';
  reporter.report('NG051', `${sentence(where())} has no dataset yet: choose one to train on (a built-in set, or a CSV file with ${features} and a label column); until then it predicts only on rows given with nngraph predict --input.`,
    paramsPath, { nodeId: node.id, field: 'params.dataset' });
}

/** `alpha` only means something for leaky_relu and elu; elsewhere it is kept but reported as having no effect. */
function checkAlphaApplies(reporter: Reporter, node: GraphNode, paramsPath: JsonPath, where: () => string): void {
  const fn = node.params.fn;
  if (node.params.alpha === undefined || typeof fn !== 'string' || fn === 'leaky_relu' || fn === 'elu') return;
  reporter.report('NG008', `alpha has no effect on ${where()} with fn ${quote(fn)}; it applies to leaky_relu and elu only.`,
    [...paramsPath, 'alpha'], { nodeId: node.id, field: 'params.alpha' }, true);
}
