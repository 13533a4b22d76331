// Messages between the graph diff panel and the host. The host reads the two versions' texts and sends them; the
// webview reads and diffs them itself with the pure graph code (as the graph editor does with its document).
import { z } from 'zod';
import { HOST_TO_WEBVIEW_LIMITS, PANEL_TO_HOST_LIMITS, receiveWithSchema, type Received } from './messageBounds';

export const diffToHostSchema = z.discriminatedUnion('type', [
  /** The webview has loaded and listens; the host answers with `versions`. */
  z.object({ type: z.literal('ready') }),
]);
export type DiffToHostMessage = z.infer<typeof diffToHostSchema>;

const versionSchema = z.object({
  /** What the person knows the version by: `digits.nngraph (HEAD)`, `digits.nngraph (Working Tree)`. */
  label: z.string().max(1000),
  text: z.string(),
});
export type DiffVersion = z.infer<typeof versionSchema>;

export const hostToDiffSchema = z.discriminatedUnion('type', [
  /** The two versions, old first; sent on `ready` and again when either changes. */
  z.object({ type: z.literal('versions'), before: versionSchema, after: versionSchema }),
]);
export type HostToDiffMessage = z.infer<typeof hostToDiffSchema>;

/** The diff panel's messages to the host, size-limited and schema-checked; never throws. */
export function receiveDiffToHost(raw: unknown): Received<DiffToHostMessage> {
  return receiveWithSchema(diffToHostSchema, raw, PANEL_TO_HOST_LIMITS);
}

/** The host's messages to the diff panel, size-limited and schema-checked; never throws. */
export function receiveHostToDiff(raw: unknown): Received<HostToDiffMessage> {
  return receiveWithSchema(hostToDiffSchema, raw, HOST_TO_WEBVIEW_LIMITS);
}
