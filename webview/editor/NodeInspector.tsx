// The inspector for one node: its id, parameters, wiring, problems, live statistics, and the maths it computes.
import {
  type GraphDocument, type GraphEdge, type GraphNode, NODE_TYPES, type NodeProblem,
} from '../../src/graph/index';
import { ConnectionsSection } from './ConnectionsSection';
import { DatasetFields } from './DatasetFields';
import { FormulaView } from './FormulaView';
import { formulaFor } from './formulas';
import { sendIntent } from './hostConnection';
import type { NodeStats } from './nodeData';
import { ParamField } from './ParamField';
import { TextField } from './fields/TextField';

interface NodeInspectorProps {
  graph: GraphDocument;
  node: GraphNode;
  problems: NodeProblem[];
  stats?: NodeStats;
  csvColumns: string[] | undefined;
  onConnectWire: (edge: GraphEdge, replacing: boolean) => void;
}

export function NodeInspector({ graph, node, problems, stats, csvColumns, onConnectWire }: NodeInspectorProps) {
  const info = NODE_TYPES[node.type];
  const formula = formulaFor(node.type, node.params);
  const problemFor = (name: string) => problems.find((p) => p.field === `params.${name}`)?.message;
  return (
    <div className="inspector__node">
      <h2 className="inspector__title">{info.label}</h2>
      <p className="inspector__description">{info.description}</p>
      <TextField label="id" value={node.id} onCommit={(newId) => newId.trim() !== node.id && sendIntent({ kind: 'renameNode', nodeId: node.id, newId: newId.trim() })} />
      {info.params.length > 0 && (
        <section className="inspector__section" aria-label="Parameters">
          <h3>Parameters</h3>
          {info.params.map((spec) => spec.kind === 'dataset'
            ? <DatasetFields key={spec.name} nodeId={node.id} dataset={node.params[spec.name]} csvColumns={csvColumns} />
            : <ParamField key={spec.name} spec={spec} value={node.params[spec.name]} {...(problemFor(spec.name) ? { problem: problemFor(spec.name) } : {})}
              onCommit={(value) => sendIntent({ kind: 'setParam', nodeId: node.id, path: [spec.name], ...(value !== undefined ? { value } : {}) })} />)}
        </section>
      )}
      <ConnectionsSection graph={graph} node={node} onConnectWire={onConnectWire} />
      {problems.length > 0 && (
        <section className="inspector__section" aria-label="Problems">
          <h3>Problems</h3>
          <ul className="inspector__problems">
            {problems.map((p) => <li key={`${p.code}:${p.message}`} className={`problem problem--${p.severity}`}>{p.code}: {p.message}</li>)}
          </ul>
        </section>
      )}
      {stats && (
        <section className="inspector__section" aria-label="Training statistics">
          <h3>Training statistics</h3>
          <dl className="inspector__stats">
            <dt>mean</dt><dd>{stats.mean.toPrecision(4)}</dd>
            <dt>std</dt><dd>{stats.std.toPrecision(4)}</dd>
            <dt>zeros</dt><dd>{(stats.zeroFraction * 100).toFixed(1)}%</dd>
            <dt>gradient norm</dt><dd>{stats.gradNorm.toPrecision(4)}</dd>
          </dl>
        </section>
      )}
      {formula && (
        <section className="inspector__section" aria-label="Formula">
          <h3>Forward</h3>
          <FormulaView tex={formula.forward} label={`forward formula of ${node.id}`} />
          <h3>Gradient</h3>
          <FormulaView tex={formula.gradient} label={`gradient of ${node.id}`} />
        </section>
      )}
    </div>
  );
}
