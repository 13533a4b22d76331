// Keyboard and clipboard for the canvas: select all, duplicate, copy, cut, paste (through the page's clipboard
// events, which VS Code forwards to webviews), and Enter on a node to go to its inspector.
import { useEffect, useRef } from 'react';
import type { GraphDocument, JsonObject } from '../../src/graph/index';
import { parseClipboard, selectionToClipboard, serializeClipboard } from './clipboard';
import { sendIntent } from './hostConnection';

interface ShortcutOptions {
  raw: JsonObject | undefined;
  graph: GraphDocument | undefined;
  selection: ReadonlySet<string>;
  onSelectAll: () => void;
}

/** Typing in a field keeps the field's own shortcuts (select all text, copy text…). */
export function inEditableField(event: Event): boolean {
  // The whole path: VS Code Elements keep their real input (or a plain div, for a drop-down) inside a shadow root.
  return event.composedPath().some((target) => target instanceof HTMLElement && (target.isContentEditable
    || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
    || (target.tagName.startsWith('VSCODE-') && target.tagName !== 'VSCODE-BUTTON')));
}

const PASTE_OFFSET = { x: 40, y: 40 };

export function useEditorShortcuts(options: ShortcutOptions): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (inEditableField(event)) return;
      const { selection, onSelectAll } = latest.current;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'a') { event.preventDefault(); onSelectAll(); return; }
      if (mod && event.key.toLowerCase() === 'd') {
        event.preventDefault();
        if (selection.size > 0) sendIntent({ kind: 'duplicate', nodeIds: [...selection] });
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : undefined;
      if (event.key === 'Enter' && target?.classList.contains('react-flow__node')) {
        event.preventDefault();
        // The node is selected by React Flow on Enter; move on to its first field.
        requestAnimationFrame(() => {
          const field = document.querySelector<HTMLElement>('#inspector vscode-textfield, #inspector vscode-single-select');
          field?.focus();
        });
      }
    };
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      const { raw, selection } = latest.current;
      if (inEditableField(event) || !raw || selection.size === 0 || !event.clipboardData) return;
      event.preventDefault();
      event.clipboardData.setData('text/plain', serializeClipboard(selectionToClipboard(raw, selection)));
      if (cut) sendIntent({ kind: 'deleteElements', nodeIds: [...selection], edges: [] });
    };
    const onPaste = (event: ClipboardEvent) => {
      if (inEditableField(event)) return;
      const content = parseClipboard(event.clipboardData?.getData('text/plain') ?? '');
      if (!content) return;
      event.preventDefault();
      sendIntent({ kind: 'paste', nodes: content.nodes, edges: content.edges, offset: PASTE_OFFSET });
    };
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
