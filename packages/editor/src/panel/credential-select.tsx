// A connection chosen inside a step's settings (`"x-credential": true` in the schema, e.g. the actions a sync
// step calls): the saved connections by name, stored by id; an id no longer listed stays shown as missing.
import { useEffect, useState } from 'react';
import { call } from '../api/client.js';
import type { Credential } from '../api/types.js';

export function CredentialSelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange(id: string): void;
  describedBy: string | undefined;
}) {
  const [items, setItems] = useState<Credential[]>([]);
  useEffect(() => {
    call('listCredentials').then(
      (body) => setItems(body.items),
      () => undefined,
    );
  }, []);
  const known = items.some((c) => c.id === value);
  return (
    <select
      id={id}
      className="input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
    >
      <option value="">No connection</option>
      {value && !known ? <option value={value}>{value} (not found)</option> : null}
      {items.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} · {c.connector}
        </option>
      ))}
    </select>
  );
}
