// The loss node's note on the tutorial's ∂L/∂ŷ = −y/ŷ + 1, with this sample's numbers: it is not the derivative of
// the loss; sent back through softmax it still lands on ŷ − y (softmax's Jacobian maps the constant +1 to 0), and
// through sigmoid it does not. Whether it lands there is measured on these numbers, not asserted.
import type { LossPiecesView } from '../../../src/protocol/explainMessages';
import { compactVector, formatNumber } from './format';

type CrossEntropyPieces = Exclude<LossPiecesView, { kind: 'mse' }>;

function largestDifference(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return Number.isNaN(largest) ? Infinity : largest;
}

/** Agreement to this is float64 rounding, not a coincidence of the sample. */
const SAME = 1e-9;

export function TutorialNote({ pieces }: { pieces: CrossEntropyPieces }) {
  const truth = pieces.logitGrad ?? pieces.logitGradByChainRule;
  const offByAtProbabilities = largestDifference(pieces.tutorialGrad, pieces.probabilityGrad);
  const offByAtLogits = largestDifference(pieces.tutorialLogitGrad, truth);
  const through = pieces.activation === 'softmax' ? 'softmax' : 'σ';
  return (
    <section className="inspector__section explain-note" aria-label="About the tutorial's gradient formula">
      <h3>The tutorial's −y/ŷ + 1</h3>
      <p>
        With this sample, −y/ŷ + 1 gives {compactVector(pieces.tutorialGrad, 4)}, but the gradient of this loss at ŷ
        is {compactVector(pieces.probabilityGrad, 4)} (off by up to {formatNumber(offByAtProbabilities, 3)}): the formula is not ∂L/∂ŷ.
      </p>
      {offByAtLogits <= SAME ? (
        <p>
          Sent back through {through}, it gives {compactVector(pieces.tutorialLogitGrad, 4)}, the same as ŷ − y
          = {compactVector(truth, 4)}: the extra +1 is the same in every class, and softmax's backward maps a constant
          to 0. So training on it would still move the logits the right way, though the formula is wrong.
        </p>
      ) : (
        <p>
          Sent back through {through}, it gives {compactVector(pieces.tutorialLogitGrad, 4)}, where the true gradient
          ŷ − y is {compactVector(truth, 4)} (off by up to {formatNumber(offByAtLogits, 3)}): {pieces.activation === 'sigmoid'
            ? 'for sigmoid the error does not cancel, and training on it would follow the wrong gradient.'
            : 'here the error does not cancel.'}
        </p>
      )}
    </section>
  );
}
