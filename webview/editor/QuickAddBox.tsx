// The quick-add search box: a combobox over the nodes that take a wire's tensor (computed in src/graph/quickAdd.ts).
// Typing filters, arrows move, Enter chooses, Escape or a click elsewhere closes.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterQuickAdd, type QuickAddCandidate } from '../../src/graph/index';
import './quickAdd.css';

/** Space kept between the box and the edges of the editor. */
const MARGIN = 4;

interface QuickAddBoxProps {
  /** The output the new node is wired from, `nodeId.port`. */
  from: string;
  candidates: readonly QuickAddCandidate[];
  /** Where to show the box, in window pixels (kept inside the window). */
  at: { x: number; y: number };
  onChoose: (candidate: QuickAddCandidate) => void;
  onClose: () => void;
  /** The option active at first (the suggested next node); 0 when none is suggested. */
  initialActive?: number;
}

export function QuickAddBox({ from, candidates, at, onChoose, onClose, initialActive = 0 }: QuickAddBoxProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(initialActive);
  const input = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [placed, setPlaced] = useState(at);
  const listId = useId();
  const shown = useMemo(() => filterQuickAdd(candidates, query), [candidates, query]);
  const activeIndex = Math.min(active, Math.max(shown.length - 1, 0));
  const activeCandidate = shown[activeIndex];
  const optionId = (candidate: QuickAddCandidate) => `${listId}-${candidate.key}`;

  useEffect(() => {
    // Keyboard users go back where they were (the node they pressed A on) when the box closes without a choice.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    input.current?.focus();
    return () => {
      if (before?.isConnected && (document.activeElement === null || document.activeElement === document.body)) before.focus();
    };
  }, []);
  // Kept whole inside the editor: measured before it is painted, moved up or left when it would run off an edge.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const left = Math.max(MARGIN, Math.min(at.x, window.innerWidth - box.offsetWidth - MARGIN));
    const top = Math.max(MARGIN, Math.min(at.y, window.innerHeight - box.offsetHeight - MARGIN));
    if (left !== placed.x || top !== placed.y) setPlaced({ x: left, y: top });
  });
  useEffect(() => {
    if (activeCandidate) document.getElementById(optionId(activeCandidate))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The box owns these keys: none reaches the canvas (Backspace must not delete the selected node).
    event.stopPropagation();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length > 0) setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (activeCandidate) onChoose(activeCandidate);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  const titleId = `${listId}-title`;
  return (
    <div ref={boxRef} className="quick-add" style={{ left: placed.x, top: placed.y }} role="dialog" aria-labelledby={titleId}
      onBlur={(event) => { if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(); }}>
      <div className="quick-add__title" id={titleId}>Add a node after {from}</div>
      <input ref={input} className="quick-add__input" type="text" role="combobox" aria-expanded="true" aria-autocomplete="list"
        aria-controls={listId} aria-label={`Search nodes that take ${from}`} placeholder="Type to filter…" value={query}
        {...(activeCandidate ? { 'aria-activedescendant': optionId(activeCandidate) } : {})}
        onChange={(event) => { setQuery(event.target.value); setActive(0); }} onKeyDown={onKeyDown} />
      <ul className="quick-add__list" id={listId} role="listbox" aria-label="Nodes that fit">
        {shown.map((candidate, index) => (
          <li key={candidate.key} id={optionId(candidate)} role="option" aria-selected={index === activeIndex}
            aria-label={`${candidate.label}, ${candidate.resultShape ? `makes ${candidate.resultText}` : 'a loss'}`}
            className={`quick-add__option${index === activeIndex ? ' quick-add__option--active' : ''}`}
            // Keep the focus in the input, so the box does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()} onMouseEnter={() => setActive(index)} onClick={() => onChoose(candidate)}>
            <span className="quick-add__label">{candidate.label}</span>
            <span className="quick-add__shape">→ {candidate.resultText}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <div className="quick-add__empty" role="status">No node takes this output{query ? ` matching “${query}”` : ''}.</div>}
    </div>
  );
}
