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
  if (!/\bsteps\b/.test(text)) return narrowed;
  if (readsStepsDynamically(text)) return { ...narrowed, steps: scope.steps };
  const steps: Record<string, JsonValue> = {};
  for (const id of referencedSteps(text)) if (scope.steps[id] !== undefined) steps[id] = scope.steps[id];
  narrowed.steps = steps;
  return narrowed;
}

function readsStepsDynamically(text: string): boolean {
  for (const match of text.matchAll(/\bsteps\b/g)) {
    if (!STEP_ACCESS.test(text.slice(match.index + match[0].length))) return true;
  }
  return false;
}
