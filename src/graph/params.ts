// Checks a node's `params` against its type's table in nodeTypes.ts.
import {
  checkBoolean, checkEnum, checkInteger, checkNumber, checkUnknownKeys, sentence, type Reporter, type ValueSite,
} from './checks';
import { checkDataset, type CsvPathOptions } from './datasets';
import { quote } from './diagnostics';
import { NODE_TYPES, type ParamSpec } from './nodeTypes';
import type { JsonPath } from './source';
import type { DatasetRef, GraphNode } from './types';

export interface CheckedParams {
  /** For an input node: its dataset, when valid. */
  dataset?: DatasetRef;
}

export function checkNodeParams(reporter: Reporter, node: GraphNode, nodePath: JsonPath, pathOptions: CsvPathOptions): CheckedParams {
  const info = NODE_TYPES[node.type];
  const paramsPath = [...nodePath, 'params'];
  const where = `${node.type} node ${quote(node.id)}`;
  const known = info.params.map((p) => p.name);
  const hint = known.length > 0 ? ` A ${node.type} node takes ${known.join(', ')}.` : ` A ${node.type} node takes no params.`;
  checkUnknownKeys(reporter, node.params, known, paramsPath, { nodeId: node.id, field: 'params' }, `the params of ${where}`, hint);
  const checked: CheckedParams = {};
  for (const spec of info.params) {
    const value = node.params[spec.name];
    const site: ValueSite = {
      path: [...paramsPath, spec.name],
      place: { nodeId: node.id, field: `params.${spec.name}` },
      label: `"${spec.name}" of ${where}`,
    };
    if (value === undefined) {
      if (spec.required && spec.requiredUnless !== undefined && node.params[spec.requiredUnless] !== undefined) {
        reportNoDatasetYet(reporter, node, paramsPath, where);
      } else if (spec.required) {
        // The value is missing, so the narrowest place is the params object (the locator falls back to the node).
        reporter.report('NG009', `${sentence(where)} needs the parameter ${quote(spec.name)}: ${spec.description}`, paramsPath, site.place);
      }
      continue;
    }
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
  }
}

/** An input node that declares its featureCount and names no dataset yet (an imported model): one warning says what is missing. */
function reportNoDatasetYet(reporter: Reporter, node: GraphNode, paramsPath: JsonPath, where: string): void {
  const count = node.params.featureCount;
  const features = typeof count === 'number' ? `${count} feature column${count === 1 ? '' : 's'}` : 'the feature columns';
  reporter.report('NG051', `${sentence(where)} has no dataset yet: choose one to train or predict on (a built-in set, or a CSV file with ${features} and a label column).`,
    paramsPath, { nodeId: node.id, field: 'params.dataset' });
}

/** `alpha` only means something for leaky_relu and elu; elsewhere it is kept but reported as having no effect. */
function checkAlphaApplies(reporter: Reporter, node: GraphNode, paramsPath: JsonPath, where: string): void {
  const fn = node.params.fn;
  if (node.params.alpha === undefined || typeof fn !== 'string' || fn === 'leaky_relu' || fn === 'elu') return;
  reporter.report('NG008', `alpha has no effect on ${where} with fn ${quote(fn)}; it applies to leaky_relu and elu only.`,
    [...paramsPath, 'alpha'], { nodeId: node.id, field: 'params.alpha' }, true);
}
