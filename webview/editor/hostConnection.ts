// Messages between the graph editor webview and the host: outgoing intents, incoming messages validated on arrival.
import {
  receiveHostToEditor, type EditorCommand, type EditorToHostMessage, type HostToEditorMessage,
} from '../../src/protocol/messages';
import type { EditIntent } from '../../src/graph/index';
import type { EditPointsRequest, ExplainRequest } from '../../src/protocol/explainMessages';
import type { PaceChoice } from '../../src/protocol/pace';
import { hostChannel } from '../shared/vscodeApi';

const host = hostChannel<EditorToHostMessage, HostToEditorMessage>(receiveHostToEditor, 'graph editor');

export function sendIntent(intent: EditIntent): void {
  host.post({ type: 'edit', intent });
}

export function runCommand(command: EditorCommand): void {
  host.post({ type: 'runCommand', command });
}

/** How this file's next Train or Step starts: continued from the saved weights, or from the seed's fresh ones. */
export function setStartChoice(continueFromSaved: boolean): void {
  host.post({ type: 'setStartChoice', continueFromSaved });
}

export function setPace(pace: PaceChoice): void {
  host.post({ type: 'setPace', pace });
}

export function pickCsv(nodeId: string): void {
  host.post({ type: 'pickCsv', nodeId });
}

export function requestExplanation(request: Omit<ExplainRequest, 'type'>): void {
  host.post({ type: 'explain', ...request });
}

export function requestPointEdit(request: Omit<EditPointsRequest, 'type'>): void {
  host.post({ type: 'editPoints', ...request });
}

export function sendReady(): void {
  host.post({ type: 'ready' });
}

/** Calls `handle` with every valid host message; malformed or oversized ones are dropped and reported on the console. */
export function listenToHost(handle: (message: HostToEditorMessage) => void): () => void {
  return host.listen(handle);
}
