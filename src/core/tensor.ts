// Small helpers over flat row-major arrays. The ops are written over `FloatArray` so that the same code runs in
// float32 for training and in float64 for the numerical gradient checks.

export type FloatArray = Float32Array | Float64Array;

/** The number of elements of a shape; [] is a scalar (1). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  return size;
}

/** Indices 0…n−1 in order. */
export function range(n: number): Uint32Array {
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  return indices;
}

/** Copies rows `indices[start…start+count)` of a [rows, width] matrix into the first `count` rows of `target`. */
export function gatherRows(
  source: FloatArray, width: number, indices: Uint32Array, start: number, count: number, target: FloatArray,
): void {
  if (width >= 16 && source.constructor === target.constructor) {
    // Wide rows: a memory copy per row beats an element loop, despite the view it creates.
    for (let r = 0; r < count; r++) {
      const from = indices[start + r] * width;
      target.set(source.subarray(from, from + width), r * width);
    }
    return;
  }
  for (let r = 0; r < count; r++) {
    const from = indices[start + r] * width;
    const to = r * width;
    for (let c = 0; c < width; c++) target[to + c] = source[from + c];
  }
}

/** True when every element of the first `count` is finite (NaN and ±Infinity poison the sum x·0). */
export function allFinite(values: FloatArray, count: number): boolean {
  // Four independent sums, so the loop is not bound by the latency of one chain of additions.
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
  const count4 = count - (count % 4);
  let i = 0;
  for (; i < count4; i += 4) {
    p0 += values[i] * 0;
    p1 += values[i + 1] * 0;
    p2 += values[i + 2] * 0;
    p3 += values[i + 3] * 0;
  }
  for (; i < count; i++) p0 += values[i] * 0;
  return p0 + p1 + p2 + p3 === 0;
}

/** Euclidean norm of the first `count` elements. */
export function l2Norm(values: FloatArray, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** Index of the largest of `width` values starting at `offset` (the first one on ties). */
export function argmaxRow(values: FloatArray, offset: number, width: number): number {
  let best = 0;
  let bestValue = values[offset];
  for (let c = 1; c < width; c++) {
    const v = values[offset + c];
    if (v > bestValue) { bestValue = v; best = c; }
  }
  return best;
}
