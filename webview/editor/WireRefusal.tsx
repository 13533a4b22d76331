// Why a wire was refused, shown where it was let go: a small note beside the pointer (role=alert, so a screen reader
// says it at once). The canvas clears it on the next wire, a click on the canvas, or any change of the document.
import { useLayoutEffect, useRef, useState } from 'react';
import './guidance.css';

/** How far from the pointer the note starts, so the pointer does not cover its first words. */
const POINTER_GAP = 12;
/** Space kept between the note and the edges of the window. */
const MARGIN = 4;

export interface WireRefusalNote {
  message: string;
  /** Where the wire was let go, in window pixels. */
  at: { x: number; y: number };
}

export function WireRefusal({ note, onDismiss }: { note: WireRefusalNote; onDismiss: () => void }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [placed, setPlaced] = useState({ x: note.at.x + POINTER_GAP, y: note.at.y + POINTER_GAP });
  // Kept whole inside the window: beside the pointer, flipped to its other side when it would run off an edge.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const right = note.at.x + POINTER_GAP;
    const below = note.at.y + POINTER_GAP;
    const x = right + box.offsetWidth + MARGIN <= window.innerWidth ? right : Math.max(MARGIN, note.at.x - POINTER_GAP - box.offsetWidth);
    const y = below + box.offsetHeight + MARGIN <= window.innerHeight ? below : Math.max(MARGIN, note.at.y - POINTER_GAP - box.offsetHeight);
    if (x !== placed.x || y !== placed.y) setPlaced({ x, y });
  });
  return (
    <div ref={boxRef} className="wire-refusal" role="alert" style={{ left: placed.x, top: placed.y }}>
      <span className="wire-refusal__title">Wire not connected</span>
      <span className="wire-refusal__message">{note.message}</span>
      <button type="button" className="wire-refusal__close" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}
