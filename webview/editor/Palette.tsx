// Every node type, to drag onto the canvas or to add with the keyboard (Enter or Space adds it in the middle of the
// view). Grouped as Keras users know them: input, layers, merges, losses.
import type { DragEvent } from 'react';
import { NODE_TYPE_NAMES, NODE_TYPES, type NodeCategory, type NodeType } from '../../src/graph/index';

export const PALETTE_DRAG_TYPE = 'application/x-nngraph-node-type';

const GROUPS: Array<{ category: NodeCategory; title: string }> = [
  { category: 'input', title: 'Input' },
  { category: 'layer', title: 'Layers' },
  { category: 'merge', title: 'Merge' },
  { category: 'loss', title: 'Loss' },
];

interface PaletteProps { onAdd: (type: NodeType) => void }

export function Palette({ onAdd }: PaletteProps) {
  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Node palette">
      {GROUPS.map(({ category, title }) => (
        <section key={category} className="palette__group" aria-label={title}>
          <h2 className="palette__title">{title}</h2>
          {NODE_TYPE_NAMES.filter((type) => NODE_TYPES[type].category === category).map((type) => (
            <button key={type} type="button" className={`palette__item palette__item--${category}`} draggable
              onDragStart={(event) => onDragStart(event, type)} onClick={() => onAdd(type)}
              title={NODE_TYPES[type].description} aria-label={`Add ${NODE_TYPES[type].label} node`}>
              {NODE_TYPES[type].label}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
