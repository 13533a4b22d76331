// Decoding the panel's base64 arrays (boundary grids, per-sample reports), which the host encodes with Node's Buffer.

export function decodeBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Little-endian float32 values; undefined when the byte count is not a whole number of them. */
export function decodeFloat32(base64: string): Float32Array | undefined {
  const bytes = decodeBytes(base64);
  return bytes.length % 4 === 0 ? new Float32Array(bytes.buffer) : undefined;
}

/** Little-endian float64 values; undefined when the byte count is not a whole number of them. */
export function decodeFloat64(base64: string): Float64Array | undefined {
  const bytes = decodeBytes(base64);
  return bytes.length % 8 === 0 ? new Float64Array(bytes.buffer) : undefined;
}
