// The neuron view's picture as plain data: one column per layer (the two inputs first), each unit's values over the
// grid with its range and the colour scale its layer shares, where every unit sits, and the weight lines between
// columns. No DOM, so the view's components only draw what this computes.
import { decodeFloat32, type NeuronGridsView } from '../../src/protocol/neuronView';

export interface PictureUnit {
  /** What a screen reader says and a tooltip shows: layer, index and range. */
  label: string;
  /** [gridSize²] row-major from yMin. */
  values: Float32Array;
  min: number;
  max: number;
}

export interface PictureColumn {
  title: string;
  /** The activation the units are shown through ("tanh", "sigmoid (in the loss)"), or "" for none. */
  subtitle: string;
  units: PictureUnit[];
  /** Values map to colours as (value − center) / halfRange in [−1, 1]: shared by a layer, so units compare. */
  center: number;
  halfRange: number;
}

export interface PictureLine {
  from: [column: number, unit: number];
  to: [column: number, unit: number];
  weight: number;
  /** |weight| relative to the largest of its layer, in [0, 1]. */
  strength: number;
}

export interface NeuronPicture {
  columns: PictureColumn[];
  lines: PictureLine[][];
}

const formatValue = (value: number): string => (Number.isFinite(value) ? value.toPrecision(3).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e') : String(value));

/** Unit `unit` of `units` interleaved values ([cells, units] row-major), with its finite range. */
function unitValues(all: Float32Array, units: number, unit: number, cells: number): { values: Float32Array; min: number; max: number } {
  const values = new Float32Array(cells);
  let min = Infinity;
  let max = -Infinity;
  for (let cell = 0; cell < cells; cell++) {
    const value = all[cell * units + unit];
    values[cell] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!(max >= min)) { min = 0; max = 0; }
  return { values, min, max };
}

function column(title: string, subtitle: string, all: Float32Array, units: number, cells: number, labelOf: (unit: number) => string, probabilities: boolean): PictureColumn {
  const pictureUnits = Array.from({ length: units }, (_, unit) => {
    const { values, min, max } = unitValues(all, units, unit, cells);
    return { label: `${labelOf(unit)}: from ${formatValue(min)} to ${formatValue(max)}`, values, min, max };
  });
  if (probabilities) return { title, subtitle, units: pictureUnits, center: 0.5, halfRange: 0.5 };
  let largest = 0;
  for (const unit of pictureUnits) largest = Math.max(largest, Math.abs(unit.min), Math.abs(unit.max));
  return { title, subtitle, units: pictureUnits, center: 0, halfRange: Number.isFinite(largest) && largest > 0 ? largest : 1 };
}

export function neuronPicture(view: NeuronGridsView): NeuronPicture {
  const cells = view.gridSize * view.gridSize;
  const columns: PictureColumn[] = [
    column('Inputs', 'scaled', decodeFloat32(view.inputs), 2, cells, (unit) => `Input ${view.inputNames[unit]}`, false),
  ];
  const lines: PictureLine[][] = [];
  view.layers.forEach((layer, index) => {
    const fn = layer.activation?.fn;
    const subtitle = fn === undefined ? 'no activation' : layer.probabilities ? `${fn} (loss)` : fn;
    const layerName = `Layer ${index + 1} "${layer.nodeId}"${fn !== undefined ? ` (${fn})` : ''}`;
    columns.push(column(
      layer.nodeId, subtitle, decodeFloat32(layer.activations), layer.units, cells,
      (unit) => `${layerName} unit ${unit + 1} of ${layer.units}`, layer.probabilities,
    ));
    const inputs = layer.kernel.length / layer.units;
    let largest = 0;
    for (const weight of layer.kernel) largest = Math.max(largest, Math.abs(weight));
    const layerLines: PictureLine[] = [];
    for (let input = 0; input < inputs; input++) {
      for (let unit = 0; unit < layer.units; unit++) {
        const weight = layer.kernel[input * layer.units + unit];
        layerLines.push({ from: [index, input], to: [index + 1, unit], weight, strength: largest > 0 ? Math.abs(weight) / largest : 0 });
      }
    }
    lines.push(layerLines);
  });
  return { columns, lines };
}

export interface PictureGeometry {
  unitSize: number;
  width: number;
  height: number;
  /** Left edge of each column. */
  columnX: number[];
  /** Top edge of each unit, per column. */
  unitY: number[][];
}

/** Heading room above the units, for the column's title and subtitle. */
export const headerHeight = 40;

/** Where each heatmap goes: columns left to right, each column's units centred on the tallest one. */
export function pictureGeometry(picture: NeuronPicture): PictureGeometry {
  const mostUnits = Math.max(...picture.columns.map((c) => c.units.length));
  const unitSize = mostUnits <= 8 ? 40 : 30;
  const gap = mostUnits <= 8 ? 10 : 6;
  const columnGap = 96;
  const tallest = mostUnits * (unitSize + gap) - gap;
  const columnX = picture.columns.map((_, index) => index * (unitSize + columnGap) + columnGap / 2);
  const unitY = picture.columns.map((c) => {
    const top = headerHeight + (tallest - (c.units.length * (unitSize + gap) - gap)) / 2;
    return c.units.map((_, unit) => top + unit * (unitSize + gap));
  });
  const width = columnX[columnX.length - 1] + unitSize + columnGap / 2;
  return { unitSize, width, height: headerHeight + tallest + 4, columnX, unitY };
}

export type Rgb = [number, number, number];

/** The colour of t ∈ [−1, 1]: the neutral colour at 0, blending to `positive` at 1 and `negative` at −1. */
export function heatColor(t: number, negative: Rgb, neutral: Rgb, positive: Rgb): Rgb {
  const clamped = Number.isFinite(t) ? Math.max(-1, Math.min(1, t)) : 0;
  const target = clamped >= 0 ? positive : negative;
  const amount = Math.abs(clamped);
  return [0, 1, 2].map((i) => Math.round(neutral[i] + (target[i] - neutral[i]) * amount)) as Rgb;
}
