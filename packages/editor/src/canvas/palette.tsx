// The node palette: search, category filter, and items to drag onto the canvas — or to add with Enter.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { paletteCategories, searchPalette, type PaletteItem } from '../model/catalog.js';
import { ConnectorIcon } from '../ui/connector-icon.js';
import { PALETTE_MIME } from './flow-canvas.js';

export function Palette({
  items,
  onAdd,
  searchRef,
}: {
  items: PaletteItem[];
  onAdd: (item: PaletteItem) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string>();
  const categories = useMemo(() => paletteCategories(items), [items]);
  const shown = useMemo(() => searchPalette(items, query, category), [items, query, category]);

  const onItemKey = (event: KeyboardEvent<HTMLLIElement>, item: PaletteItem, index: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onAdd(item);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const list = event.currentTarget.parentElement;
      const next = list?.children[index + (event.key === 'ArrowDown' ? 1 : -1)] as HTMLElement | undefined;
      next?.focus();
    }
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-head">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder="Search nodes  ( / )"
          aria-label="Search nodes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              (document.querySelector('.palette-item') as HTMLElement | null)?.focus();
            } else if (e.key === 'Enter' && shown[0]) {
              e.preventDefault();
              onAdd(shown[0]);
            }
          }}
        />
        <div className="chips" role="group" aria-label="Categories">
          <button
            type="button"
            className={category === undefined ? 'chip on' : 'chip'}
            aria-pressed={category === undefined}
            onClick={() => setCategory(undefined)}
          >
            All
          </button>
          {categories.map((c) => (
            <button
              key={c}
              type="button"
              className={category === c ? 'chip on' : 'chip'}
              aria-pressed={category === c}
              onClick={() => setCategory(category === c ? undefined : c)}
            >
              {c}
            </button>
          ))}
        </div>
      </div>
      <p className="palette-hint muted small">Drag onto the canvas, or press Enter to add.</p>
      {shown.length ? (
        <ul className="palette-list" aria-label="Nodes">
          {shown.map((item, index) => (
            <li
              key={item.id}
              className={`palette-item kind-${item.kind}`}
              tabIndex={0}
              draggable
              role="button"
              aria-label={`Add ${item.title}${item.kind === 'trigger' ? ' trigger' : ''} (${item.connectorTitle})`}
              data-testid={`palette-${item.id}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, item.id);
                e.dataTransfer.setData('text/plain', item.title);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onKeyDown={(e) => onItemKey(e, item, index)}
              onDoubleClick={() => onAdd(item)}
            >
              <ConnectorIcon icon={item.icon} size={26} title={item.connectorTitle} />
              <span className="palette-item-text">
                <span className="palette-item-title">{item.title}</span>
                <span className="palette-item-desc">{item.description || item.connectorTitle}</span>
              </span>
              {item.kind === 'trigger' ? <span className="tag">trigger</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-inline">No node matches “{query}”.</p>
      )}
    </aside>
  );
}
