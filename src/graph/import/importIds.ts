// Node ids for an imported graph, made from the source's own names ("/fc1/Gemm" → "fc1_Gemm"): valid ids
// ([A-Za-z_][A-Za-z0-9_-]*, at most 64 characters), unique, and never a name of Object.prototype (`__proto__`,
// `constructor`…), which the format allows but an imported graph has no reason to carry.
import { ID_PATTERN, MAX_ID_LENGTH } from '../structure';

function isReserved(id: string): boolean {
  return id === '__proto__' || id in Object.prototype || id === 'prototype';
}

/** Hands out ids; `take` reserves one that is already decided (the input's, the loss's). */
export class IdAllocator {
  private readonly taken = new Set<string>();

  take(id: string): string {
    this.taken.add(id);
    return id;
  }

  /** An id from `sourceName`, or from `fallback` (the layer kind) when the name holds nothing usable. */
  fromName(sourceName: string, fallback: string): string {
    let base = ID_PATTERN.test(sourceName) && sourceName.length <= MAX_ID_LENGTH
      ? sourceName
      : sourceName.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|_+$/g, '');
    if (base === '') base = fallback;
    if (!/^[A-Za-z_]/.test(base)) base = `${fallback}_${base}`;
    base = base.slice(0, MAX_ID_LENGTH);
    if (isReserved(base)) base = `${base}_`.slice(0, MAX_ID_LENGTH);
    let id = base;
    for (let n = 2; this.taken.has(id) || isReserved(id); n++) {
      const suffix = `_${n}`;
      id = base.slice(0, MAX_ID_LENGTH - suffix.length) + suffix;
    }
    return this.take(id);
  }
}
