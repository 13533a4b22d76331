// The explain plot, for data of two features and classes: the decision boundary of the weights in use (a weight edited
// by hand redraws it, as the host computes each answer with the edits), every data point, and the chosen sample as a
// ring. A click picks: a point picks its row; empty space picks the values there, with the chosen class as their
// label (a place has no label of its own, and the loss needs one). In Add mode a click adds a point of the chosen
// class, in Remove mode a click on a point removes its row: the host writes the CSV, and Undo Point (or Ctrl+Z while
// the plot has focus) takes the last one back.
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ExplainPlotView, ExplainSample, ExplanationView, PointEdit } from '../../../src/protocol/explainMessages';
import { formatNumber } from './format';
import { ClassChooser } from './ClassChooser';
import { drawPlot } from './plotDraw';
import { PointHistory } from './PointHistory';
import { PLOT_PIXELS, pointAt, toFeatures } from './plotGeometry';
import type { PointEditState } from './useExplain';
import './explainPlot.css';

type ClickMode = 'pick' | 'add' | 'remove';

interface ExplainPlotProps {
  plot: ExplainPlotView;
  explanation: ExplanationView;
  points: PointEditState;
  onPick: (sample: ExplainSample) => void;
  onEdit: (edit: PointEdit) => void;
}

/** The label of values typed (or clicked) as the model reads it: [k] for one label column, else one-hot. */
function labelOf(classIndex: number, width: number): number[] {
  return width <= 1 ? [classIndex] : Array.from({ length: width }, (_, c) => (c === classIndex ? 1 : 0));
}

const MODE_HINT: Record<ClickMode, string> = {
  pick: 'Click a point to explain its row, or empty space to explain the values there with the chosen class as label.',
  add: 'Click to add a point of the chosen class to the data (saved as a CSV beside the graph).',
  remove: 'Click a point to remove its row from the data.',
};

export function ExplainPlot({ plot, explanation, points, onPick, onEdit }: ExplainPlotProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [mode, setMode] = useState<ClickMode>('pick');
  const [chosenClass, setChosenClass] = useState(0);
  const classIndex = Math.min(chosenClass, plot.classCount - 1);
  const raw = explanation.rawFeatures;
  const chosenX = raw.length === 2 ? raw[0] : null;
  const chosenY = raw.length === 2 ? raw[1] : null;
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    drawPlot(context, plot, chosenX !== null && chosenY !== null ? [chosenX, chosenY] : undefined);
  }, [plot, chosenX, chosenY]);

  const click = (event: MouseEvent<HTMLCanvasElement>) => {
    // The picture fills the canvas inside its border: measure from there, in the canvas's own pixels.
    const canvas = event.currentTarget;
    const box = canvas.getBoundingClientRect();
    const px = ((event.clientX - box.left - canvas.clientLeft) / canvas.clientWidth) * PLOT_PIXELS;
    const py = ((event.clientY - box.top - canvas.clientTop) / canvas.clientHeight) * PLOT_PIXELS;
    const row = pointAt(plot, px, py);
    const [x, y] = toFeatures(plot, px, py);
    if (mode === 'add') onEdit({ kind: 'add', x, y, classIndex });
    else if (mode === 'remove') { if (row !== undefined) onEdit({ kind: 'remove', row }); }
    else if (row !== undefined) onPick({ kind: 'row', row });
    else onPick({ kind: 'values', features: [x, y], label: labelOf(classIndex, explanation.label.length) });
  };
  const keyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    const redo = key === 'y' || (key === 'z' && event.shiftKey);
    // With nothing of its own to take back, the key goes on to VS Code (the graph's undo: the switch to a CSV, say).
    if ((redo && !points.canRedo) || (!redo && (key !== 'z' || !points.canUndo))) return;
    event.preventDefault();
    event.stopPropagation();
    onEdit({ kind: redo ? 'redo' : 'undo' });
  };
  const sampleText = explanation.sample.kind === 'row'
    ? `row ${explanation.sample.row}`
    : `(${formatNumber(chosenX)}, ${formatNumber(chosenY)})`;
  return (
    <section className="inspector__section explain-plot" aria-label="Data and decision boundary" onKeyDown={keyDown}>
      <h3>Data and decision boundary</h3>
      <div className="explain-plot__modes" role="group" aria-label="What a click on the plot does">
        {(['pick', 'add', 'remove'] as const).map((each) => (
          <vscode-button key={each} secondary={mode !== each} aria-pressed={mode === each ? 'true' : 'false'} onClick={() => setMode(each)}>
            {each === 'pick' ? 'Pick' : each === 'add' ? 'Add Points' : 'Remove Points'}
          </vscode-button>
        ))}
      </div>
      <ClassChooser classCount={plot.classCount} {...(explanation.classNames ? { names: explanation.classNames } : {})} chosen={classIndex} onChoose={setChosenClass} />
      <canvas ref={canvasRef} width={PLOT_PIXELS} height={PLOT_PIXELS} tabIndex={0} onClick={click}
        className={`explain-plot__canvas explain-plot__canvas--${mode}`} data-mode={mode}
        role="img" aria-label={`Decision boundary of the weights in use over the two features, ${plot.points.x.length} data points, the sample (${sampleText}) ringed. ${MODE_HINT[mode]}`} />
      <p className="inspector__hint">{MODE_HINT[mode]}</p>
      <PointHistory points={points} onEdit={onEdit} />
    </section>
  );
}
