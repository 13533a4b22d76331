// Compile-time tests, run by `npm run check-types` (tsc reports an unused @ts-expect-error): the protocol's links
// to the types it carries fail to compile when either side gains a member the other lacks.
import type { EditIntent } from '../../../src/graph/index';
import { editIntentSchema } from '../../../src/protocol/messages';
import { schemaOf } from '../../../src/protocol/schemaOf';
import type { ChecksByType, HostToWorkerMessage, WorkerToHostMessage } from '../../../src/protocol/workerMessages';

/** The real schema against the real union: compiles. */
export const linked = schemaOf<EditIntent>()(editIntentSchema);

/** An intent added to the graph's union and not to the schema. */
// @ts-expect-error notAcceptedBySchema: { kind: 'rotateNode'; ... }
export const intentMissingFromSchema = schemaOf<EditIntent | { kind: 'rotateNode'; nodeId: string; degrees: number }>()(editIntentSchema);

/** A schema member (autoLayout) that is no longer an intent. */
// @ts-expect-error the schema's output is not assignable to the narrower union
export const schemaWiderThanIntents = schemaOf<Exclude<EditIntent, { kind: 'autoLayout' }>>()(editIntentSchema);

/** Worker messages: the protocol's per-type check tables must match their unions exactly. */
// @ts-expect-error a new worker message without a check
export const workerCheckMissing: ChecksByType<WorkerToHostMessage | { type: 'snoozed'; runId: number }> = {
  ready: () => true, progress: () => true, boundary: () => true, neurons: () => true, finished: () => true, stepped: () => true, paused: () => true,
  failed: () => true,
};
export const hostCheckExtra: ChecksByType<HostToWorkerMessage> = {
  start: () => true, stop: () => true, step: () => true, setLearningRate: () => true, pause: () => true, resume: () => true,
  setPace: () => true,
  // @ts-expect-error a check for a type the union does not have
  snooze: () => true,
};
