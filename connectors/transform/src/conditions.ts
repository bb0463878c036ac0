// Conditions as data — `{ field, operator, value }` — for filtering items. Mappings are resolved before the
// step runs, so a condition cannot be an expression per item; it names a field of each item instead.
import { ConnectorError } from '@weft/sdk';
import { compareValues, looselyEqual } from './compare-values.js';
import { getPath, type Json } from './paths.js';

export const OPERATORS = [
  'equals',
  'notEquals',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'in',
  'notIn',
  'exists',
  'notExists',
  'isEmpty',
  'isNotEmpty',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  field: string;
  operator: Operator;
  value?: Json;
  /** For text operators (equals, contains, startsWith...): default true. */
  caseSensitive?: boolean;
}

export function matchesAll(item: Json, conditions: readonly Condition[], mode: 'all' | 'any' = 'all'): boolean {
  if (conditions.length === 0) return true;
  return mode === 'all' ? conditions.every((c) => matches(item, c)) : conditions.some((c) => matches(item, c));
}

export function matches(item: Json, condition: Condition): boolean {
  const actual = getPath(item, condition.field);
  const fold = (v: unknown) => (condition.caseSensitive === false && typeof v === 'string' ? v.toLowerCase() : v);
  const left = fold(actual);
  const right = fold(condition.value);
  switch (condition.operator) {
    case 'equals':
      return looselyEqual(left, right);
    case 'notEquals':
      return !looselyEqual(left, right);
    case 'gt':
      return ordered(left, right, (c) => c > 0);
    case 'gte':
      return ordered(left, right, (c) => c >= 0);
    case 'lt':
      return ordered(left, right, (c) => c < 0);
    case 'lte':
      return ordered(left, right, (c) => c <= 0);
    case 'contains':
      return contains(left, right);
    case 'notContains':
      return !contains(left, right);
    case 'startsWith':
      return typeof left === 'string' && typeof right === 'string' && left.startsWith(right);
    case 'endsWith':
      return typeof left === 'string' && typeof right === 'string' && left.endsWith(right);
    case 'in':
      return listOf(condition).some((v) => looselyEqual(left, fold(v)));
    case 'notIn':
      return !listOf(condition).some((v) => looselyEqual(left, fold(v)));
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'isEmpty':
      return isEmpty(actual);
    case 'isNotEmpty':
      return !isEmpty(actual);
  }
}

/** Missing or incomparable values never pass an ordering test. */
function ordered(left: unknown, right: unknown, test: (comparison: number) => boolean): boolean {
  const comparison = compareValues(left, right);
  return comparison !== undefined && test(comparison);
}

function contains(container: unknown, part: unknown): boolean {
  if (typeof container === 'string') return part !== undefined && part !== null && container.includes(String(part));
  if (Array.isArray(container)) return container.some((v) => looselyEqual(v, part));
  return false;
}

function listOf(condition: Condition): Json[] {
  if (Array.isArray(condition.value)) return condition.value;
  throw new ConnectorError({
    kind: 'validation',
    message: `The "${condition.operator}" condition on "${condition.field}" needs a list as its value`,
  });
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
