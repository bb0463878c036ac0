// Removing duplicate items: two items are the same when the values at the key fields are equal (or, without
// key fields, when the items are). Keeps the first or the last of each, in the original order.
import { stableJson } from './compare-values.js';
import { getPath, type Json } from './paths.js';

export function dedupe(items: readonly Json[], keys: readonly string[], keep: 'first' | 'last' = 'first'): Json[] {
  const identity = (item: Json) => stableJson(keys.length === 0 ? item : keys.map((key) => getPath(item, key) ?? null));
  const chosen = new Map<string, number>();
  items.forEach((item, index) => {
    const id = identity(item);
    if (keep === 'last' || !chosen.has(id)) chosen.set(id, index);
  });
  const kept = new Set(chosen.values());
  return items.filter((_, index) => kept.has(index));
}

/** Splits a list into lists of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
