// What an empty canvas says: where to start (an input node), how (the palette, a button, or the A key), and what comes
// after. Every step can be done from the keyboard; the guide goes away with the first node.
import { useEffect } from 'react';
import type { NodeType } from '../../src/graph/index';
import { QUICK_ADD_KEY } from './useQuickAdd';
import './guidance.css';
import { inEditableField } from './useEditorShortcuts';

export function EmptyCanvasGuide({ onAdd }: { onAdd: (nodeType: NodeType) => void }) {
  useEffect(() => {
    // A adds the first node here, as it adds the next one after a selected node (quick-add).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== QUICK_ADD_KEY || event.ctrlKey || event.metaKey || event.altKey || inEditableField(event)) return;
      event.preventDefault();
      onAdd('input');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onAdd]);
  return (
    <section className="canvas-guide" aria-labelledby="canvas-guide-title">
      <h2 id="canvas-guide-title" className="canvas-guide__title">An empty graph</h2>
      <ol className="canvas-guide__steps">
        <li>Add an <strong>Input</strong> node, the data: drag it from the palette, or press <kbd>A</kbd>.</li>
        <li>Add the next node from a selected one: its <strong>Next</strong> button, or <kbd>A</kbd> again.</li>
        <li>End with a loss (cross-entropy or MSE), wired to the input&apos;s labels, then Train.</li>
      </ol>
      <div className="canvas-guide__actions">
        <button type="button" className="canvas-guide__button" onClick={() => onAdd('input')}>Add an Input node</button>
      </div>
    </section>
  );
}
