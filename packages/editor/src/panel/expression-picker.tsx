// The data picker: fields available to this node (trigger, upstream steps, loop item), with their sample values,
// filterable; choosing one inserts `{{ expression }}` into the field that opened it.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterFields, pickerSources, type PickerField } from '../model/expression-picker.js';
import { useEditor } from '../canvas/editor-context.js';

export function ExpressionPicker({
  nodeId,
  onPick,
  onClose,
  fieldLabel,
}: {
  nodeId: string;
  onPick: (expression: string) => void;
  onClose: () => void;
  fieldLabel: string;
}) {
  const { flow, pickerInputs } = useEditor();
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const sources = useMemo(() => pickerSources(flow, nodeId, pickerInputs), [flow, nodeId, pickerInputs]);
  const filtered = useMemo(() => (query ? filterFields(sources, query) : undefined), [sources, query]);

  useEffect(() => searchRef.current?.focus(), []);

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div
      className="picker"
      role="dialog"
      aria-label={`Insert data into ${fieldLabel}`}
      onKeyDown={onKey}
      data-testid="expression-picker"
    >
      <div className="picker-head">
        <input
          ref={searchRef}
          type="search"
          className="search small"
          placeholder="Filter fields"
          aria-label="Filter fields"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="toast-close" aria-label="Close data picker" onClick={onClose}>
          ×
        </button>
      </div>
      {!sources.length ? (
        <p className="empty-inline">
          Nothing runs before this node yet. Connect it after the trigger or another step to use their data.
        </p>
      ) : filtered ? (
        filtered.length ? (
          <ul className="picker-list" role="tree" aria-label="Available data">
            {filtered.map((f) => (
              <FieldItem key={f.expression} field={f} onPick={onPick} flat />
            ))}
          </ul>
        ) : (
          <p className="empty-inline">No field matches “{query}”.</p>
        )
      ) : (
        sources.map((source) => (
          <section key={source.root.expression} className="picker-source">
            <h4>
              {source.title}
              <span className="muted small">
                {source.origin === 'sample'
                  ? ' · sample data'
                  : source.origin === 'schema'
                    ? ' · from schema'
                    : ' · no data yet'}
              </span>
            </h4>
            <ul className="picker-list" role="tree" aria-label={source.title}>
              <FieldItem field={source.root} onPick={onPick} depth={0} />
            </ul>
            {source.origin === 'none' && source.root.expression !== 'index' ? (
              <p className="muted small picker-tip">
                Test the flow or the step, or pin a sample event to the trigger, to see its fields.
              </p>
            ) : null}
          </section>
        ))
      )}
    </div>
  );
}

function FieldItem({
  field,
  onPick,
  depth = 0,
  flat,
}: {
  field: PickerField;
  onPick: (e: string) => void;
  depth?: number;
  flat?: boolean;
}) {
  const [open, setOpen] = useState(depth < 2);
  const children = !flat && field.children.length ? field.children : undefined;
  return (
    <li role="treeitem" aria-expanded={children ? open : undefined} aria-selected={false}>
      <div className="picker-row" style={{ paddingLeft: flat ? 6 : 6 + depth * 14 }}>
        {children ? (
          <button
            type="button"
            className="picker-toggle"
            aria-label={open ? `Collapse ${field.label}` : `Expand ${field.label}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="picker-toggle" />
        )}
        <button
          type="button"
          className="picker-field"
          onClick={() => onPick(field.expression)}
          data-expression={field.expression}
          title={`Insert {{ ${field.expression} }}`}
        >
          <span className="picker-label">{flat ? field.expression : field.label}</span>
          <span className="picker-type">{field.type}</span>
          {field.preview !== undefined && field.type !== 'object' && field.type !== 'list' ? (
            <span className="picker-preview">{field.preview}</span>
          ) : null}
        </button>
      </div>
      {children && open ? (
        <ul role="group">
          {children.map((c) => (
            <FieldItem key={c.expression} field={c} onPick={onPick} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
