// The size limits of every message channel, and the one check that enforces them before a schema runs. A schema
// validator recurses once per level of nesting, so a forged message nested a few thousand levels deep overflows the
// stack and throws instead of being dropped; this walk is iterative, stops at the first excess, and costs at most one
// visit per value. What exceeds a limit, or fails the schema, is dropped with a reason for the log, never acted on.
import type { z } from 'zod';

export interface MessageLimits {
  /** Levels of nesting below the message itself (the message object is depth 0). */
  maxDepth: number;
  maxArrayLength: number;
  /** In UTF-16 code units, as `string.length` counts. */
  maxStringLength: number;
  /** Own keys of one object. */
  maxObjectKeys: number;
  /** Values in the whole message (objects, arrays and leaves), a bound on the validation work. */
  maxValues: number;
}

/**
 * Messages the host receives from the graph editor webview: intents carry node objects of the file, whose params the
 * editor passes through untouched, so nesting is allowed to a depth no real file reaches. Lists are bounded by the
 * largest graphs the editor is meant to hold (issue 10 aims at tens of thousands of nodes).
 */
export const EDITOR_TO_HOST_LIMITS: MessageLimits = {
  maxDepth: 64, maxArrayLength: 100_000, maxStringLength: 1_000_000, maxObjectKeys: 10_000, maxValues: 1_000_000,
};

/** Messages the host receives from the training panel are a type and at most a run id. */
export const PANEL_TO_HOST_LIMITS: MessageLimits = {
  maxDepth: 4, maxArrayLength: 16, maxStringLength: 1_000, maxObjectKeys: 16, maxValues: 64,
};

/**
 * Messages a webview receives from the host: the document's whole text, and run histories (4,000 points per series
 * per run, boundary grids of up to 512² cells in base64, confusion matrices). The bounds only keep a broken host
 * from freezing the page; they are far above what the host sends.
 */
export const HOST_TO_WEBVIEW_LIMITS: MessageLimits = {
  maxDepth: 64, maxArrayLength: 4_000_000, maxStringLength: 256_000_000, maxObjectKeys: 100_000, maxValues: 20_000_000,
};

/**
 * Messages between the host and the training worker: a compiled program (one entry per node and parameter), typed
 * arrays of batches and weights (leaves, not counted per element), confusion matrices of up to a few thousand classes.
 */
export const WORKER_CHANNEL_LIMITS: MessageLimits = {
  maxDepth: 32, maxArrayLength: 4_000_000, maxStringLength: 16_000_000, maxObjectKeys: 100_000, maxValues: 20_000_000,
};

/** Typed arrays and buffers are one value each: the worker channel moves large ones on purpose. */
function isBinaryLeaf(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer
    || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
}

/** Why `value` exceeds `limits`, or undefined when it stays within them. Never throws, never recurses. */
export function boundsViolation(value: unknown, limits: MessageLimits): string | undefined {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  let visited = 0;
  while (pending.length > 0) {
    const current = pending.pop();
    const depth = depths.pop() ?? 0;
    visited += 1;
    if (visited > limits.maxValues) return `more than ${limits.maxValues} values`;
    if (typeof current === 'string') {
      if (current.length > limits.maxStringLength) return `a string of ${current.length} characters (at most ${limits.maxStringLength})`;
      continue;
    }
    if (typeof current !== 'object' || current === null || isBinaryLeaf(current)) continue;
    if (depth >= limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) return `an array of ${current.length} items (at most ${limits.maxArrayLength})`;
      if (visited + pending.length + current.length > limits.maxValues) return `more than ${limits.maxValues} values`;
      for (const item of current as unknown[]) { pending.push(item); depths.push(depth + 1); }
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > limits.maxObjectKeys) return `an object of ${keys.length} keys (at most ${limits.maxObjectKeys})`;
    if (visited + pending.length + keys.length > limits.maxValues) return `more than ${limits.maxValues} values`;
    for (const key of keys) {
      if (key.length > limits.maxStringLength) return `a key of ${key.length} characters (at most ${limits.maxStringLength})`;
      pending.push((current as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/** A message that arrived: accepted as its type, or dropped with a reason short enough for one log line. */
export type Received<T> = { ok: true; message: T } | { ok: false; reason: string };

const MAX_REASON_LENGTH = 300;

function dropped(reason: string): { ok: false; reason: string } {
  return { ok: false, reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason };
}

/** Validates a zod-described message: first the limits, then the schema; a throw from either is a drop too. */
export function receiveWithSchema<T>(schema: z.ZodType<T>, raw: unknown, limits: MessageLimits): Received<T> {
  return receiveWith((value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, message: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'does not match the protocol' };
  }, raw, limits);
}

/** Validates with a hand-written check (the worker channel): first the limits, then the check. */
export function receiveWith<T>(check: (value: unknown) => Received<T>, raw: unknown, limits: MessageLimits): Received<T> {
  try {
    const excess = boundsViolation(raw, limits);
    if (excess !== undefined) return dropped(`too large: ${excess}`);
    const checked = check(raw);
    return checked.ok ? checked : dropped(checked.reason);
  } catch (error) {
    return dropped(`the validator failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
