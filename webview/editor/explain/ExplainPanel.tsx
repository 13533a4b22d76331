// Explain mode's part of the inspector: the plot of the data (for two features and classes), then the numbers of the
// selected node or of the op the step cursor is on.
import type { ExplainControls } from './useExplain';
import type { ExplanationView } from '../../../src/protocol/explainMessages';
import { ExplainInspector } from './ExplainInspector';
import { ExplainPlot } from './ExplainPlot';

export function ExplainPanel({ explain, explanation, nodeId }: { explain: ExplainControls; explanation: ExplanationView; nodeId: string | undefined }) {
  return (
    <>
      {explanation.plot && <ExplainPlot plot={explanation.plot} explanation={explanation} points={explain.points} onPick={explain.pickSample} onEdit={explain.editPoints} />}
      {nodeId !== undefined && (
        <ExplainInspector key={nodeId} explanation={explanation} nodeId={nodeId} onOverride={explain.setOverride} onClearOverrides={explain.clearOverrides} />
      )}
    </>
  );
}
