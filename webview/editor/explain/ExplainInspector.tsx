// The inspector in explain mode: for the selected node (or the op the step cursor is on), its formula with this
// sample's numbers put in, its output and gradient in full, the numerical checks beside the analytic gradients, the
// loss node's note on the tutorial's formula, and, on a dense node, a weight to edit by hand.
import { getOwn } from '../../../src/graph/index';
import type { ActivationChainView, ExplainedNodeView, ExplanationView, WeightOverride } from '../../../src/protocol/explainMessages';
import { FormulaView } from '../FormulaView';
import { ChecksTable } from './ChecksTable';
import { compactVector } from './format';
import { activationTex, denseTex, lossTex } from './tex';
import { TutorialNote } from './TutorialNote';
import { ValueStrip } from './ValueStrip';
import { WeightEditor } from './WeightEditor';

interface ExplainInspectorProps {
  explanation: ExplanationView;
  nodeId: string;
  onOverride: (override: WeightOverride) => void;
  onClearOverrides: () => void;
}

function VectorRow({ name, values }: { name: string; values: readonly (number | null)[] }) {
  return (
    <div className="explain-vector">
      <span className="explain-vector__name">{name}</span>
      <span className="explain-vector__values" title={values.join(', ')}>{compactVector(values, 4)}</span>
      <ValueStrip values={values} />
    </div>
  );
}

function Formulas({ texts, label }: { texts: string[]; label: string }) {
  return <>{texts.map((tex, index) => <FormulaView key={index} tex={tex} label={`${label} ${index + 1}`} />)}</>;
}

function NodeMath({ explanation, node }: { explanation: ExplanationView; node: ExplainedNodeView }) {
  const dense = explanation.dense.find((chain) => chain.nodeId === node.nodeId);
  const activation = explanation.activations.find((chain) => chain.nodeId === node.nodeId);
  if (node.role === 'loss') return <Formulas texts={lossTex(explanation.lossPieces, explanation.loss)} label={`loss formula of ${node.nodeId}`} />;
  if (node.role === 'folded-activation' && explanation.lossPieces.kind !== 'mse') {
    const pieces = explanation.lossPieces;
    return (
      <>
        <p className="inspector__hint">The loss applies {pieces.activation} itself, from the logits (the stable fused form); its gradient at the logits is ŷ − y.</p>
        <Formulas texts={lossTex(pieces, explanation.loss).slice(0, 1)} label={`${pieces.activation} of ${node.nodeId}`} />
      </>
    );
  }
  if (dense) {
    // A dense node with its own activation has both chains: z from the dense op, then a = f(z).
    const tex = denseTex(dense, node, activation?.input);
    if (!tex) return null;
    return (
      <>
        <p className="inspector__hint">Unit {tex.unit} (the largest gradient) and input {tex.input} (the largest input), written out.</p>
        <h3>Forward</h3>
        <FormulaView tex={tex.forward} label={`forward of ${node.nodeId} with numbers`} />
        <h3>Chain rule</h3>
        <FormulaView tex={tex.weightGrad} label={`weight gradient of ${node.nodeId} with numbers`} />
        <FormulaView tex={tex.biasGrad} label={`bias gradient of ${node.nodeId} with numbers`} />
        <FormulaView tex={tex.inputGrad} label={`input gradient of ${node.nodeId} with numbers`} />
        {activation && <ActivationMath activation={activation} node={node} />}
      </>
    );
  }
  if (activation) return <ActivationMath activation={activation} node={node} />;
  return null;
}

function ActivationMath({ activation, node }: { activation: ActivationChainView; node: ExplainedNodeView }) {
  const tex = activationTex(activation, node);
  return (
    <>
      <h3>Forward{activation.fn !== 'linear' && node.dense ? ` (${activation.fn})` : ''}</h3>
      <FormulaView tex={tex.forward} label={`${node.dense ? 'activation ' : ''}forward of ${node.nodeId} with numbers`} />
      <h3>Chain rule</h3>
      <FormulaView tex={tex.backward} label={`${node.dense ? 'activation ' : ''}gradient of ${node.nodeId} with numbers`} />
    </>
  );
}

export function ExplainInspector({ explanation, nodeId, onOverride, onClearOverrides }: ExplainInspectorProps) {
  const nodes = Object.fromEntries(explanation.nodes.map((node) => [node.nodeId, node]));
  const node = getOwn(nodes, nodeId);
  if (!node) {
    return <section className="inspector__section explain-inspector" aria-label="Explain"><p className="inspector__hint">{nodeId} takes no part in this sample's pass.</p></section>;
  }
  const checks = explanation.checks.filter((check) => check.nodeId === nodeId);
  return (
    <section className="inspector__section explain-inspector" aria-label={`Explain ${nodeId}`}>
      <h3>This sample at {nodeId}</h3>
      {node.role === 'input' && <VectorRow name="x (as read)" values={explanation.rawFeatures} />}
      <VectorRow name={node.role === 'input' ? 'x (scaled)' : node.role === 'loss' ? 'L' : 'out'} values={node.output} />
      {node.role === 'input' && <VectorRow name="y" values={explanation.label} />}
      {node.role !== 'loss' && <VectorRow name="∂L/∂out" values={node.outputGrad} />}
      <NodeMath explanation={explanation} node={node} />
      <ChecksTable checks={checks} />
      {node.role === 'loss' && explanation.lossPieces.kind !== 'mse' && <TutorialNote pieces={explanation.lossPieces} />}
      {node.dense && <WeightEditor node={node} overrides={explanation.overrides} onOverride={onOverride} onClear={onClearOverrides} />}
    </section>
  );
}
