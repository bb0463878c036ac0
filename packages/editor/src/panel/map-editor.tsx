// Key/value editor for free-form objects (a mapping step's output, headers): each value may be an expression.
import { useState } from 'react';
import type { JsonObject, JsonValue } from '../model/flow-types.js';
import { formatFieldValue, parseFieldInput } from '../model/schema-form.js';
import { ExpressionInput } from './expression-input.js';
import { Button } from '../ui/button.js';

export function MapEditor({
  id,
  nodeId,
  label,
  value,
  onChange,
}: {
  id: string;
  nodeId: string;
  label: string;
  value: JsonObject;
  onChange(value: JsonObject): void;
}) {
  const entries = Object.entries(value);
  const [newKey, setNewKey] = useState('');

  const rename = (from: string, to: string) => {
    if (!to || to === from || to in value) return;
    onChange(Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v])));
  };
  const set = (key: string, v: JsonValue) => onChange({ ...value, [key]: v });
  const remove = (key: string) => onChange(Object.fromEntries(entries.filter(([k]) => k !== key)));
  const add = () => {
    const key = newKey.trim();
    if (!key || key in value) return;
    onChange({ ...value, [key]: '' });
    setNewKey('');
  };

  return (
    <div className="map-editor" id={id} role="group" aria-label={label}>
      {entries.length === 0 ? <p className="muted small">No fields yet.</p> : null}
      {entries.map(([key, v], index) => (
        <div className="map-row" key={index}>
          <input
            className="input map-key"
            aria-label={`Name of field ${index + 1}`}
            defaultValue={key}
            onBlur={(e) => rename(key, e.target.value.trim())}
            data-testid={`map-key-${key}`}
          />
          <ExpressionInput
            id={`${id}-${index}`}
            nodeId={nodeId}
            label={`value of ${key}`}
            value={formatFieldValue(v)}
            onChange={(t) => set(key, parseFieldInput('json', t) ?? '')}
          />
          <button
            type="button"
            className="icon-button small"
            aria-label={`Remove field ${key}`}
            onClick={() => remove(key)}
          >
            ×
          </button>
        </div>
      ))}
      <div className="map-add">
        <input
          className="input"
          placeholder="New field name"
          aria-label={`New field name for ${label}`}
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          data-testid={`${id}-new-key`}
        />
        <Button size="small" onClick={add} disabled={!newKey.trim()}>
          Add field
        </Button>
      </div>
    </div>
  );
}
