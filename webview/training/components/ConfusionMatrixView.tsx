// The confusion matrix at the end of a classification run: rows are the true class, columns the predicted one.
import type { ConfusionView } from '../../../src/protocol/messages';

export function ConfusionMatrixView({ confusion }: { confusion: ConfusionView }): React.JSX.Element {
  const { classNames, counts } = confusion;
  let largest = 1;
  for (const row of counts) for (const count of row) largest = Math.max(largest, count);
  const name = (index: number): string => classNames[index] ?? String(index);
  return (
    <section aria-label="Confusion matrix">
      <h3>{`Confusion matrix (${confusion.split} data)`}</h3>
      <table className="confusion">
        <caption>Rows: true class. Columns: predicted class.</caption>
        <thead>
          <tr><th scope="col">true \ predicted</th>{counts.map((_, c) => <th key={c} scope="col">{name(c)}</th>)}</tr>
        </thead>
        <tbody>
          {counts.map((row, r) => (
            <tr key={r}>
              <th scope="row">{name(r)}</th>
              {row.map((count, c) => (
                <td
                  key={c}
                  className={r === c ? 'diagonal' : undefined}
                  style={{ '--intensity': String(count / largest) } as React.CSSProperties}
                >
                  {count}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
