// Database values as JSON: timestamps as ISO strings, bytea as base64, everything else as pg parsed it
// (int8 and numeric stay strings so no precision is lost).

export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}

export function toJsonRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => toJsonValue(row) as Record<string, unknown>);
}
