// Dot paths (`body.data`, `params.0`) into the JSON an action takes or returns: where the sync node reads
// records and page cursors from, and where it writes the records, ids and cursors it hands to actions.

/** The value at `path` (undefined when any step is missing). */
export function readPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** A copy of `value` with `path` set, creating objects (or arrays, before a numeric key) on the way. */
export function writePath(value: unknown, path: string, next: unknown): Record<string, unknown> {
  const root: Record<string, unknown> =
    value && typeof value === 'object' && !Array.isArray(value)
      ? structuredClone(value as Record<string, unknown>)
      : {};
  const keys = path.split('.');
  if (keys.some((key) => UNSAFE.has(key))) throw new Error(`"${path}" is not a field path`);
  let at: Record<string, unknown> = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      at[key] = next;
      return;
    }
    const child = at[key];
    if (child === null || typeof child !== 'object') at[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    at = at[key] as Record<string, unknown>;
  });
  return root;
}
