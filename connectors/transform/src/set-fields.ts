// Setting, copying and removing fields by deep path, on one object or on each item of a list. `from` copies
// a value out of the item itself, which is how one action maps many items (mappings can't see each item).
import { ConnectorError } from '@weft/sdk';
import { deletePath, getPath, setPath, type Json } from './paths.js';

export interface FieldRule {
  /** Where to write (a path). */
  to: string;
  /** Copy from this path of the item. */
  from?: string;
  /** A fixed value (used when there is no `from`, or when `from` finds nothing). */
  value?: Json;
}

export interface SetFieldsOptions {
  fields?: readonly FieldRule[];
  /** Paths to delete, after setting. */
  remove?: readonly string[];
  /** `merge` (default) edits a copy of the item; `replace` starts from an empty object. */
  mode?: 'merge' | 'replace';
}

export function setFields(item: Json, options: SetFieldsOptions): Json {
  const source = item;
  const out: Json = options.mode === 'replace' ? {} : structuredClone(item);
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    throw new ConnectorError({
      kind: 'validation',
      message: `Fields can only be set on objects, got ${Array.isArray(out) ? 'a list' : String(out === null ? 'null' : typeof out)}`,
    });
  }
  for (const rule of options.fields ?? []) {
    const found = rule.from === undefined ? undefined : getPath(source, rule.from);
    const value = found !== undefined ? found : rule.value;
    if (value !== undefined) setPath(out, rule.to, structuredClone(value));
  }
  for (const path of options.remove ?? []) deletePath(out, path);
  return out;
}
