// Mappings that only name a value (`{{ trigger.body.name }}`, `{{ steps.fetch.items[0] }}`, `{{ item }}`) are
// resolved on the host without entering the sandbox: no script runs, nothing is copied, and only own
// properties of JSON data are followed (never `__proto__`, `constructor` or anything inherited).
import type { JsonValue } from './json.js';
import type { Scope } from './ports.js';

const PATH = /^(trigger|steps|item|index)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(['"])[^'"\\]*\3\])*)$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(['"])([^'"\\]*)\3\]/g;

/** The value a plain path names, or undefined when the sandbox must evaluate the expression. */
export function lookupPath(scope: Scope, expression: string): { value: JsonValue } | undefined {
  const match = PATH.exec(expression.trim());
  if (!match) return undefined;
  let current: unknown = scope[match[1] as keyof Scope];
  for (const segment of match[2]!.matchAll(SEGMENT)) {
    const key = segment[1] ?? segment[2] ?? segment[4]!;
    // Anything but an own property of JSON data (a missing key, a string's length...) is the sandbox's to
    // answer, with JavaScript's own semantics and errors.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return { value: current === undefined ? null : (current as JsonValue) };
}
