// Explain mode's state in the webview: on or off, the chosen sample, the weights edited by hand (explain only, never
// saved), the step cursor, and the host's latest answer. A request goes out whenever the sample, the edits, the
// document's text or its data (a point added or removed on the plot) change; an answer to an older request is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ExplainSample, ExplanationMessage, ExplanationView, PointEdit, PointsEditedMessage, WeightOverride,
} from '../../../src/protocol/explainMessages';
import { requestExplanation, requestPointEdit } from '../hostConnection';
import { type ExplainCursor, OVERVIEW, stepBackward, stepForward } from './steps';

/** Where the plot's point edits stand: whether one is on its way, what the last one did, and what can be taken back. */
export interface PointEditState {
  pending: boolean;
  message?: string;
  failed: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export interface ExplainState {
  active: boolean;
  sample: ExplainSample;
  overrides: WeightOverride[];
  cursor: ExplainCursor;
  explanation?: ExplanationView;
  /** Why the latest request was not answered with an explanation. */
  error?: string;
  pending: boolean;
  /** Counts the point edits written, so the data set is explained again after each. */
  dataVersion: number;
  points: PointEditState;
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
  /** Asks the host to add or remove a data point, or to undo or redo one. */
  editPoints: (edit: PointEdit) => void;
}

const NO_POINT_EDITS: PointEditState = { pending: false, failed: false, canUndo: false, canRedo: false };

/**
 * The sample after a point edit: an added row is shown at once; a removal before the shown row keeps that row shown;
 * a row past the new end (an added row undone) becomes the last row.
 */
function sampleAfterEdit(sample: ExplainSample, edit: PointEdit, result: { addedRow?: number; rowCount: number }): ExplainSample {
  if (result.addedRow !== undefined) return { kind: 'row', row: result.addedRow };
  if (sample.kind !== 'row') return sample;
  const row = edit.kind === 'remove' && edit.row < sample.row ? sample.row - 1 : sample.row;
  return { kind: 'row', row: Math.max(0, Math.min(row, result.rowCount - 1)) };
}

export function useExplain(text: string | undefined, reply: ExplanationMessage | undefined, pointsReply?: PointsEditedMessage): ExplainControls {
  const [state, setState] = useState<ExplainState>({
    active: false, sample: { kind: 'row', row: 0 }, overrides: [], cursor: OVERVIEW, pending: false, dataVersion: 0, points: NO_POINT_EDITS,
  });
  const lastRequest = useRef(0);
  const lastPointRequest = useRef<{ requestId: number; edit: PointEdit } | undefined>(undefined);
  const { active, sample, overrides, dataVersion } = state;

  useEffect(() => {
    if (!active || text === undefined) return;
    const requestId = ++lastRequest.current;
    setState((current) => ({ ...current, pending: true }));
    requestExplanation({ requestId, sample, ...(overrides.length > 0 ? { overrides } : {}) });
  }, [active, sample, overrides, text, dataVersion]);

  useEffect(() => {
    if (!reply || reply.requestId !== lastRequest.current) return;
    setState((current) => (reply.result.ok
      ? { ...current, pending: false, explanation: reply.result.explanation, error: undefined }
      : { ...current, pending: false, error: reply.result.message }));
  }, [reply]);

  useEffect(() => {
    const asked = lastPointRequest.current;
    if (!pointsReply || pointsReply.requestId !== asked?.requestId) return;
    const { result } = pointsReply;
    setState((current) => (result.ok
      ? {
        ...current, dataVersion: current.dataVersion + 1, sample: sampleAfterEdit(current.sample, asked.edit, result),
        points: { pending: false, failed: false, message: result.message, canUndo: result.canUndo, canRedo: result.canRedo },
      }
      : { ...current, points: { ...current.points, pending: false, failed: true, message: result.message } }));
  }, [pointsReply]);

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
    editPoints: useCallback((edit: PointEdit) => {
      const requestId = (lastPointRequest.current?.requestId ?? 0) + 1;
      lastPointRequest.current = { requestId, edit };
      setState((current) => ({ ...current, points: { ...current.points, pending: true } }));
      requestPointEdit({ requestId, edit });
    }, []),
  };
}
