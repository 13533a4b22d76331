// The class a click on the explain plot uses (the class of an added point, the label of values picked in empty space):
// a button per class with its colour on the plot, or a drop-down for many classes.
import { classColor } from './plotDraw';

/** Class buttons up to this many classes; a drop-down beyond. */
const MAX_CLASS_BUTTONS = 10;

export function ClassChooser({ classCount, names, chosen, onChoose }: { classCount: number; names?: string[]; chosen: number; onChoose: (k: number) => void }) {
  const nameOf = (k: number) => names?.[k] ?? String(k);
  if (classCount > MAX_CLASS_BUTTONS) {
    return (
      <vscode-single-select aria-label="Class" value={String(chosen)} onchange={(event) => onChoose(Number((event.target as HTMLSelectElement).value))}>
        {Array.from({ length: classCount }, (_, k) => <vscode-option key={k} value={String(k)}>{nameOf(k)}</vscode-option>)}
      </vscode-single-select>
    );
  }
  return (
    <div className="explain-plot__classes" role="group" aria-label="Class">
      {Array.from({ length: classCount }, (_, k) => (
        <vscode-button key={k} secondary={k !== chosen} aria-pressed={k === chosen ? 'true' : 'false'} aria-label={`Class ${nameOf(k)}`} title={`Class ${nameOf(k)}`} onClick={() => onChoose(k)}>
          <span className="explain-plot__swatch" style={{ background: classColor(k) }} />{nameOf(k)}
        </vscode-button>
      ))}
    </div>
  );
}
