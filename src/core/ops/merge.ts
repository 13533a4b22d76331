// Ops that join two values: element-wise add and column-wise concat.
import type { FloatArray } from '../tensor';

/** y = a + b. */
export function addForward(a: FloatArray, b: FloatArray, y: FloatArray, count: number): void {
  for (let i = 0; i < count; i++) y[i] = a[i] + b[i];
}

/** The gradient of a sum flows unchanged to both inputs: d (+)= dy. */
export function addBackward(dy: FloatArray, dInput: FloatArray, count: number, accumulate: boolean): void {
  for (let i = 0; i < count; i++) dInput[i] = accumulate ? dInput[i] + dy[i] : dy[i];
}

/** y[r, :] = [a[r, :], b[r, :]]. */
export function concatForward(
  a: FloatArray, b: FloatArray, y: FloatArray, rows: number, widthA: number, widthB: number,
): void {
  const width = widthA + widthB;
  for (let r = 0; r < rows; r++) {
    const out = r * width;
    const inA = r * widthA;
    const inB = r * widthB;
    for (let c = 0; c < widthA; c++) y[out + c] = a[inA + c];
    for (let c = 0; c < widthB; c++) y[out + widthA + c] = b[inB + c];
  }
}

/** Routes the columns of dy back to the input they came from: `columnOffset` 0 for the first input, widthA for the second. */
export function concatBackward(
  dy: FloatArray, dInput: FloatArray, rows: number, widthOut: number, columnOffset: number, widthIn: number,
  accumulate: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const from = r * widthOut + columnOffset;
    const to = r * widthIn;
    for (let c = 0; c < widthIn; c++) dInput[to + c] = accumulate ? dInput[to + c] + dy[from + c] : dy[from + c];
  }
}
