// Beside each analytic gradient, its numerical check: (L(v + h) − L(v − h)) / 2h in float64 for the largest entries.
import type { GradientCheckView } from '../../../src/protocol/explainMessages';
import { formatNumber } from './format';

const TENSOR_NAMES: Record<GradientCheckView['tensor'], string> = { outputGrad: '∂L/∂out', kernel: '∂L/∂W', bias: '∂L/∂b' };

export function ChecksTable({ checks }: { checks: readonly GradientCheckView[] }) {
  if (checks.length === 0) return null;
  const step = checks[0].step;
  return (
    <section className="inspector__section" aria-label="Numerical checks">
      <h3>Numerical check</h3>
      <p className="inspector__hint">Central difference (L(v + h) − L(v − h)) / 2h with h = {formatNumber(step, 2)}, on the largest entries.</p>
      <table className="explain-checks">
        <thead><tr><th scope="col">gradient</th><th scope="col">analytic</th><th scope="col">numerical</th></tr></thead>
        <tbody>
          {checks.flatMap((check) => check.entries.map((entry) => (
            <tr key={`${check.tensor}:${entry.index.join(',')}`}>
              <th scope="row">{TENSOR_NAMES[check.tensor]}[{entry.index.join(', ')}]</th>
              <td>{formatNumber(entry.analytic, 6)}</td>
              <td>{formatNumber(entry.numeric, 6)}</td>
            </tr>
          )))}
        </tbody>
      </table>
      <p className="inspector__hint">Largest difference: {formatNumber(checks.reduce((max, c) => Math.max(max, c.maxAbsoluteError ?? Infinity), 0), 2)}</p>
    </section>
  );
}
