// The document as the webview knows it: the host's text, read and analyzed here with the same pure graph code the
// host and the command line use. The webview keeps no model of its own beyond this.
import { useEffect, useMemo, useState } from 'react';
import {
  type Analysis, analyzeGraph, type DatasetInfo, type DatasetProblem, type DatasetRef, type EditableRead,
  readEditableGraph,
} from '../../src/graph/index';
import type { ExplanationMessage, PointsEditedMessage } from '../../src/protocol/explainMessages';
import type { HostToEditorMessage, TrainingOverlay } from '../../src/protocol/messages';
import type { PaceChoice } from '../../src/protocol/pace';
import { listenToHost, sendReady } from './hostConnection';

export interface GraphDocumentState {
  /** Undefined until the host sent the text. */
  text?: string;
  read?: EditableRead;
  analysis?: Analysis;
  datasetInfo?: DatasetInfo;
  csvColumns?: string[];
  /** What the host found wrong with the CSV file (a link out of the workspace, a file over the cap…). */
  datasetProblem?: DatasetProblem;
  workspaceDepth?: number;
  overlay?: TrainingOverlay;
  /** The document's pace (the toolbar's speed control); the host sends it on load and on every change. */
  pace?: PaceChoice;
  /** Incremented by every host `select` message, with the node ids to select. */
  selectRequest?: { serial: number; nodeIds: string[]; reveal: boolean };
  refusal?: { serial: number; message: string };
  /** Incremented by every host `autoLayout` request (Auto Layout from the palette). */
  layoutRequest?: number;
  /** The host's latest answer to an explain request (explain mode matches it to its request by id). */
  explanationReply?: ExplanationMessage;
  /** The toolbar's "Continue from saved weights" for this file, as the host holds it (off until the host says). */
  continueFromSaved?: boolean;
  /** The host's latest answer to a point edit made on the explain plot. */
  pointsReply?: PointsEditedMessage;
}

/** What the host read from disk about the dataset, for the same analysis the host's Problems panel makes. */
export interface HostDatasetFacts { datasetInfo?: DatasetInfo; datasetProblem?: DatasetProblem; workspaceDepth?: number }

export function analyzeText(text: string, facts: HostDatasetFacts): Analysis {
  return analyzeGraph(text, {
    ...(facts.workspaceDepth !== undefined ? { workspaceDepth: facts.workspaceDepth } : {}),
    datasetInfo: (ref: DatasetRef) => (ref.kind === 'csv' ? facts.datasetInfo : undefined),
    datasetProblem: (ref: DatasetRef) => (ref.kind === 'csv' ? facts.datasetProblem : undefined),
  });
}

export function useGraphDocument(): GraphDocumentState {
  const [incoming, setIncoming] = useState<Omit<GraphDocumentState, 'read' | 'analysis'>>({});
  useEffect(() => {
    let serial = 0;
    const stop = listenToHost((message: HostToEditorMessage) => {
      switch (message.type) {
        case 'document':
          setIncoming((state) => ({
            ...state, text: message.text, datasetInfo: message.datasetInfo, csvColumns: message.csvColumns,
            datasetProblem: message.datasetProblem, workspaceDepth: message.workspaceDepth,
          }));
          return;
        case 'training':
          setIncoming((state) => ({ ...state, overlay: message.overlay }));
          return;
        case 'pace':
          setIncoming((state) => ({ ...state, pace: message.pace }));
          return;
        case 'select':
          setIncoming((state) => ({ ...state, selectRequest: { serial: ++serial, nodeIds: message.nodeIds, reveal: message.reveal === true } }));
          return;
        case 'refused':
          setIncoming((state) => ({ ...state, refusal: { serial: ++serial, message: message.message } }));
          return;
        case 'autoLayout':
          setIncoming((state) => ({ ...state, layoutRequest: ++serial }));
          return;
        case 'explanation':
          setIncoming((state) => ({ ...state, explanationReply: message }));
          return;
        case 'startChoice':
          setIncoming((state) => ({ ...state, continueFromSaved: message.continueFromSaved }));
          return;
        case 'pointsEdited':
          setIncoming((state) => ({ ...state, pointsReply: message }));
          return;
        default: {
          const unhandled: never = message;
          console.warn('NN Graph: unhandled host message', unhandled);
        }
      }
    });
    sendReady();
    return stop;
  }, []);
  const { text, datasetInfo, datasetProblem, workspaceDepth } = incoming;
  const read = useMemo(() => (text === undefined ? undefined : readEditableGraph(text)), [text]);
  const analysis = useMemo(
    () => (text === undefined || !read?.ok ? undefined : analyzeText(text, { datasetInfo, datasetProblem, workspaceDepth })),
    [text, read, datasetInfo, datasetProblem, workspaceDepth],
  );
  return { ...incoming, ...(read ? { read } : {}), ...(analysis ? { analysis } : {}) };
}
