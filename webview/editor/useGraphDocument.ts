// The document as the webview knows it: the host's text, read and analyzed here with the same pure graph code the
// host and the command line use. The webview keeps no model of its own beyond this.
import { useEffect, useMemo, useState } from 'react';
import {
  type Analysis, analyzeGraph, type DatasetInfo, type DatasetRef, type EditableRead, readEditableGraph,
} from '../../src/graph/index';
import type { HostToEditorMessage, TrainingOverlay } from '../../src/protocol/messages';
import { listenToHost, sendReady } from './hostConnection';

export interface GraphDocumentState {
  /** Undefined until the host sent the text. */
  text?: string;
  read?: EditableRead;
  analysis?: Analysis;
  datasetInfo?: DatasetInfo;
  csvColumns?: string[];
  overlay?: TrainingOverlay;
  /** Incremented by every host `select` message, with the node ids to select. */
  selectRequest?: { serial: number; nodeIds: string[]; reveal: boolean };
  refusal?: { serial: number; message: string };
}

export function analyzeText(text: string, datasetInfo: DatasetInfo | undefined): Analysis {
  return analyzeGraph(text, { datasetInfo: (ref: DatasetRef) => (ref.kind === 'csv' ? datasetInfo : undefined) });
}

export function useGraphDocument(): GraphDocumentState {
  const [incoming, setIncoming] = useState<Omit<GraphDocumentState, 'read' | 'analysis'>>({});
  useEffect(() => {
    let serial = 0;
    const stop = listenToHost((message: HostToEditorMessage) => {
      switch (message.type) {
        case 'document':
          setIncoming((state) => ({ ...state, text: message.text, datasetInfo: message.datasetInfo, csvColumns: message.csvColumns }));
          return;
        case 'training':
          setIncoming((state) => ({ ...state, overlay: message.overlay }));
          return;
        case 'select':
          setIncoming((state) => ({ ...state, selectRequest: { serial: ++serial, nodeIds: message.nodeIds, reveal: message.reveal === true } }));
          return;
        case 'refused':
          setIncoming((state) => ({ ...state, refusal: { serial: ++serial, message: message.message } }));
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
  const { text, datasetInfo } = incoming;
  const read = useMemo(() => (text === undefined ? undefined : readEditableGraph(text)), [text]);
  const analysis = useMemo(
    () => (text === undefined || !read?.ok ? undefined : analyzeText(text, datasetInfo)),
    [text, read, datasetInfo],
  );
  return { ...incoming, ...(read ? { read } : {}), ...(analysis ? { analysis } : {}) };
}
