// `{{ expression }}` templates inside JSON config values.
// A string that is exactly one `{{ }}` keeps the expression's type ("{{ steps.a.items.length }}" -> 3);
// any other string interpolates each expression as text ("Hello {{ trigger.name }}" -> "Hello Ada").
import type { JsonValue } from './json.js';

export type TemplatePart = { text: string } | { expression: string; offset: number };

/** Parsed template strings: a flow's templates are parsed on every run, and they are few and short. */
const PARSE_CACHE_SIZE = 2000;
const PARSE_CACHE_MAX_CHARS = 4096;
const parsed = new Map<string, readonly TemplatePart[]>();

/**
 * Splits a string into text and expressions; undefined when it holds no `{{`. Throws on an unclosed `{{`.
 * The parts are shared between calls (frozen): callers only read them.
 */
export function parseTemplateString(source: string): readonly TemplatePart[] | undefined {
  if (!source.includes('{{')) return undefined;
  const cached = parsed.get(source);
  if (cached) return cached;
  const parts = Object.freeze(splitTemplate(source).map((part) => Object.freeze(part)));
  if (source.length <= PARSE_CACHE_MAX_CHARS) {
    // Oldest first out: enough to bound memory, since the working set is the live flows' templates.
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(source, parts);
  }
  return parts;
}

function splitTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open === -1) {
      parts.push({ text: source.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ text: source.slice(cursor, open) });
    const close = findClose(source, open + 2);
    if (close === -1) throw new TemplateSyntaxError(`"{{" at character ${open + 1} is never closed with "}}"`, open);
    const expression = source.slice(open + 2, close);
    if (!expression.trim()) throw new TemplateSyntaxError(`empty expression at character ${open + 1}`, open);
    parts.push({
      expression: expression.trim(),
      offset: open + 2 + (expression.length - expression.trimStart().length),
    });
    cursor = close + 2;
  }
  return parts;
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** Finds the `}}` closing an expression, skipping braces and quotes inside it. */
function findClose(source: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0 && source[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

export interface TemplateExpression {
  source: string;
  /** JSON path of the string holding it, from the template root. */
  path: (string | number)[];
}

/** Every expression in a template, in document order (duplicates kept, with their paths). */
export function templateExpressions(template: JsonValue, path: (string | number)[] = []): TemplateExpression[] {
  if (typeof template === 'string') {
    const parts = parseTemplateString(template) ?? [];
    return parts.flatMap((part) => ('expression' in part ? [{ source: part.expression, path }] : []));
  }
  if (Array.isArray(template)) return template.flatMap((value, i) => templateExpressions(value, [...path, i]));
  if (template && typeof template === 'object') {
    return Object.entries(template).flatMap(([key, value]) => templateExpressions(value, [...path, key]));
  }
  return [];
}

export function hasExpressions(template: JsonValue): boolean {
  if (typeof template === 'string') return template.includes('{{');
  if (Array.isArray(template)) return template.some(hasExpressions);
  if (template && typeof template === 'object') return Object.values(template).some(hasExpressions);
  return false;
}

/** Rebuilds a template with each expression replaced by `valueOf(expression)`. */
export function fillTemplate(template: JsonValue, valueOf: (expression: string) => JsonValue): JsonValue {
  if (typeof template === 'string') {
    const parts = parseTemplateString(template);
    if (!parts) return template;
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only && 'expression' in only) return valueOf(only.expression);
    return parts.map((part) => ('text' in part ? part.text : interpolate(valueOf(part.expression)))).join('');
  }
  if (Array.isArray(template)) return template.map((value) => fillTemplate(value, valueOf));
  if (template && typeof template === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, value] of Object.entries(template)) out[key] = fillTemplate(value, valueOf);
    return out;
  }
  return template;
}

function interpolate(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Step ids an expression or code body reads through `steps.<id>` or `steps['<id>']`. */
export function referencedSteps(source: string): string[] {
  const found = new Set<string>();
  const pattern = /\bsteps\s*(?:\?\.|\.)\s*([A-Za-z_$][\w$]*)|\bsteps\s*(?:\?\.)?\[\s*(['"`])([^'"`]+)\2\s*\]/g;
  for (const match of source.matchAll(pattern)) found.add(match[1] ?? match[3]!);
  return [...found];
}
