// Wiring from the keyboard: each input port of the selected node picks its source from the other nodes' outputs.
import { type GraphDocument, type GraphEdge, type GraphNode, NODE_TYPES } from '../../src/graph/index';
import { sendIntent } from './hostConnection';
import { SelectField } from './fields/SelectField';

const NOT_CONNECTED = '';

interface ConnectionsSectionProps {
  graph: GraphDocument;
  node: GraphNode;
  onConnectWire: (edge: GraphEdge, replacing: boolean) => void;
}

export function ConnectionsSection({ graph, node, onConnectWire }: ConnectionsSectionProps) {
  const info = NODE_TYPES[node.type];
  const sources = graph.nodes.filter((other) => other.id !== node.id)
    .flatMap((other) => NODE_TYPES[other.type].outputs.map((port) => `${other.id}.${port.name}`));
  const feeds = graph.edges.filter((edge) => edge.from.startsWith(`${node.id}.`)).map((edge) => `${edge.from.slice(node.id.length + 1)} → ${edge.to}`);
  return (
    <section className="inspector__section" aria-label="Connections">
      <h3>Connections</h3>
      {info.inputs.map((port) => {
        const target = `${node.id}.${port.name}`;
        const current = graph.edges.find((edge) => edge.to === target)?.from ?? NOT_CONNECTED;
        return (
          <SelectField key={port.name} label={`${port.name} from`} value={current}
            options={[{ value: NOT_CONNECTED, label: '(not connected)' }, ...sources.map((source) => ({ value: source, label: source }))]}
            onCommit={(source) => {
              if (source === current) return;
              if (source === NOT_CONNECTED) sendIntent({ kind: 'disconnect', from: current, to: target });
              else onConnectWire({ from: source, to: target }, current !== NOT_CONNECTED);
            }} />
        );
      })}
      {info.outputs.length > 0 && (
        <div className="field__hint">{feeds.length > 0 ? `Feeds ${feeds.join(', ')}` : 'Its outputs feed nothing yet.'}</div>
      )}
    </section>
  );
}
