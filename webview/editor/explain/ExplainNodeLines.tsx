// The lines explain mode adds to a node on the canvas: this sample's output, and its gradient once the backward pass
// has reached it.
import type { NodeExplain } from './decorate';

export function ExplainNodeLines({ explain, nodeId }: { explain: NodeExplain; nodeId: string }) {
  if (!explain.output && !explain.gradient) return null;
  return (
    <div className="graph-node__explain" aria-label={`explained values of ${nodeId}`}>
      {explain.output && <div className="graph-node__explain-output">{explain.output}</div>}
      {explain.gradient && <div className="graph-node__explain-gradient">{explain.gradient}</div>}
    </div>
  );
}
