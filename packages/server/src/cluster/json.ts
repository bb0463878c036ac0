// Why: values the cluster adapters read back from Redis, the database or the bus are untrusted text; these
// turn them into JSON values without casts, so each reader checks the shape it needs.
import type { JsonObject, JsonValue } from '@weft/core';

/** JSON text as a value, or undefined when it does not parse. */
export function parseJson(text: string): JsonValue | undefined {
  try {
    const value: JsonValue = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
