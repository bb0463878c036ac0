// What a script may read, narrowed to what it does read: the sandbox copies the scope into the isolate on
// every call, so a mapping inside a loop over a large trigger must not copy the whole trigger each time.
import type { JsonValue } from './json.js';
import type { Scope } from './ports.js';
import { referencedSteps } from './template.js';

const STEP_ACCESS = /^\s*(?:\?\.|\.)\s*[A-Za-z_$]|^\s*(?:\?\.)?\[\s*(['"`])[^'"`]+\1\s*\]/;

/** The part of `scope` that the given expression or code sources mention (all steps when accessed dynamically). */
export function narrowScope(scope: Scope, sources: readonly string[]): Scope {
  const text = sources.join('\n');
  const narrowed: Scope = { trigger: /\btrigger\b/.test(text) ? scope.trigger : null, steps: {} };
  if (scope.item !== undefined && /\bitem\b/.test(text)) narrowed.item = scope.item;
  if (scope.index !== undefined && /\bindex\b/.test(text)) narrowed.index = scope.index;
  const read = stepsRead(sources);
  if (read === undefined) return { ...narrowed, steps: scope.steps };
  const steps: Record<string, JsonValue> = {};
  for (const id of read) if (scope.steps[id] !== undefined) steps[id] = scope.steps[id];
  narrowed.steps = steps;
  return narrowed;
}

/** Ids of the steps the sources read; undefined when they read `steps` dynamically (any step). */
export function stepsRead(sources: readonly string[]): string[] | undefined {
  const text = sources.join('\n');
  if (!/\bsteps\b/.test(text)) return [];
  if (readsStepsDynamically(text)) return undefined;
  return referencedSteps(text);
}

function readsStepsDynamically(text: string): boolean {
  for (const match of text.matchAll(/\bsteps\b/g)) {
    if (!STEP_ACCESS.test(text.slice(match.index + match[0].length))) return true;
  }
  return false;
}
