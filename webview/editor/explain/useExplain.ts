// Explain mode's state in the webview: on or off, the chosen sample, the weights edited by hand (explain only, never
// saved), the step cursor, and the host's latest answer. A request goes out whenever the sample, the edits or the
// document's text change; an answer to an older request is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExplainSample, ExplanationMessage, ExplanationView, WeightOverride } from '../../../src/protocol/explainMessages';
import { requestExplanation } from '../hostConnection';
import { type ExplainCursor, OVERVIEW, stepBackward, stepForward } from './steps';

export interface ExplainState {
  active: boolean;
  sample: ExplainSample;
  overrides: WeightOverride[];
  cursor: ExplainCursor;
  explanation?: ExplanationView;
  /** Why the latest request was not answered with an explanation. */
  error?: string;
  pending: boolean;
}

export interface ExplainControls extends ExplainState {
  toggle: () => void;
  pickSample: (sample: ExplainSample) => void;
  stepForward: () => void;
  stepBackward: () => void;
  showAll: () => void;
  /** Sets one weight (replacing an earlier edit of the same entry). */
  setOverride: (override: WeightOverride) => void;
  clearOverrides: () => void;
}

export function useExplain(text: string | undefined, reply: ExplanationMessage | undefined): ExplainControls {
  const [state, setState] = useState<ExplainState>({ active: false, sample: { kind: 'row', row: 0 }, overrides: [], cursor: OVERVIEW, pending: false });
  const lastRequest = useRef(0);
  const { active, sample, overrides } = state;

  useEffect(() => {
    if (!active || text === undefined) return;
    const requestId = ++lastRequest.current;
    setState((current) => ({ ...current, pending: true }));
    requestExplanation({ requestId, sample, ...(overrides.length > 0 ? { overrides } : {}) });
  }, [active, sample, overrides, text]);

  useEffect(() => {
    if (!reply || reply.requestId !== lastRequest.current) return;
    setState((current) => (reply.result.ok
      ? { ...current, pending: false, explanation: reply.result.explanation, error: undefined }
      : { ...current, pending: false, error: reply.result.message }));
  }, [reply]);

  const nodeCount = state.explanation?.nodes.length ?? 0;
  return {
    ...state,
    toggle: useCallback(() => setState((current) => ({ ...current, active: !current.active, cursor: OVERVIEW })), []),
    pickSample: useCallback((next: ExplainSample) => setState((current) => ({ ...current, sample: next })), []),
    stepForward: useCallback(() => setState((current) => ({ ...current, cursor: stepForward(current.cursor, nodeCount) })), [nodeCount]),
    stepBackward: useCallback(() => setState((current) => ({ ...current, cursor: stepBackward(current.cursor, nodeCount) })), [nodeCount]),
    showAll: useCallback(() => setState((current) => ({ ...current, cursor: OVERVIEW })), []),
    setOverride: useCallback((override: WeightOverride) => setState((current) => ({
      ...current,
      overrides: [...current.overrides.filter((o) => !(o.nodeId === override.nodeId && o.tensor === override.tensor && o.index === override.index)), override],
    })), []),
    clearOverrides: useCallback(() => setState((current) => ({ ...current, overrides: [] })), []),
  };
}
