// The If/Switch condition builder: a field, an operator and a value written as the `{{ }}` expression the engine
// evaluates, and read back from such an expression when it has that shape (anything else stays hand-written).
import { flattenFields, type PickerSource } from './expression-picker.js';
import { isObject, type JsonObject, type JsonValue } from './flow-types.js';

export type Operator =
  'eq' | 'ne' | 'gt' | 'lt' | 'gte' | 'lte' | 'contains' | 'empty' | 'notEmpty' | 'isTrue' | 'isFalse';

export interface Condition {
  /** The path read, e.g. `trigger.body.amount`. */
  field: string;
  operator: Operator;
  /** What the field is compared with, as typed (unused by the operators that take none). */
  value: string;
}

export const OPERATORS: { id: Operator; label: string; takesValue: boolean }[] = [
  { id: 'eq', label: 'is equal to', takesValue: true },
  { id: 'ne', label: 'is not equal to', takesValue: true },
  { id: 'gt', label: 'is greater than', takesValue: true },
  { id: 'lt', label: 'is less than', takesValue: true },
  { id: 'gte', label: 'is at least', takesValue: true },
  { id: 'lte', label: 'is at most', takesValue: true },
  { id: 'contains', label: 'contains', takesValue: true },
  { id: 'empty', label: 'is empty', takesValue: false },
  { id: 'notEmpty', label: 'is not empty', takesValue: false },
  { id: 'isTrue', label: 'is true', takesValue: false },
  { id: 'isFalse', label: 'is false', takesValue: false },
];

const SYMBOLS: Partial<Record<Operator, string>> = { eq: '===', ne: '!==', gt: '>', lt: '<', gte: '>=', lte: '<=' };

/** What the user typed as a JavaScript literal: numbers and true/false/null as such, anything else as text. */
export function literal(text: string): string {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return String(Number(trimmed));
  if (trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return trimmed;
  return JSON.stringify(text);
}

function unliteral(source: string): string | undefined {
  if (/^-?\d+(\.\d+)?$/.test(source) || source === 'true' || source === 'false' || source === 'null') return source;
  try {
    const parsed: unknown = JSON.parse(source);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function buildCondition({ field, operator, value }: Condition): string {
  const symbol = SYMBOLS[operator];
  if (symbol) return `{{ ${field} ${symbol} ${literal(value)} }}`;
  switch (operator) {
    case 'contains':
      return `{{ String(${field} ?? '').includes(${JSON.stringify(value)}) }}`;
    case 'empty':
      return `{{ ${field} == null || ${field} === '' }}`;
    case 'notEmpty':
      return `{{ ${field} != null && ${field} !== '' }}`;
    case 'isTrue':
      return `{{ ${field} === true }}`;
    default:
      return `{{ ${field} === false }}`;
  }
}

const PATH = String.raw`((?:trigger|steps|item|index)(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"\\]*"\])*)`;
const VALUE = String.raw`(-?\d+(?:\.\d+)?|true|false|null|"(?:[^"\\]|\\.)*")`;

/** The builder's parts of an expression it could have written, or undefined for anything else. */
export function parseCondition(expression: unknown): Condition | undefined {
  if (typeof expression !== 'string') return undefined;
  const body = /^\{\{\s*([\s\S]*?)\s*\}\}$/.exec(expression.trim())?.[1];
  if (body === undefined) return undefined;
  const compare = new RegExp(`^${PATH} (===|!==|>=|<=|>|<) ${VALUE}$`).exec(body);
  if (compare) {
    const operator = (Object.keys(SYMBOLS) as Operator[]).find((op) => SYMBOLS[op] === compare[2])!;
    const value = unliteral(compare[3]!);
    if (operator === 'eq' && value === 'true') return { field: compare[1]!, operator: 'isTrue', value: '' };
    if (operator === 'eq' && value === 'false') return { field: compare[1]!, operator: 'isFalse', value: '' };
    return value === undefined ? undefined : { field: compare[1]!, operator, value };
  }
  const contains = new RegExp(String.raw`^String\(${PATH} \?\? ''\)\.includes\(("(?:[^"\\]|\\.)*")\)$`).exec(body);
  if (contains) return { field: contains[1]!, operator: 'contains', value: unliteral(contains[2]!) ?? '' };
  const empty = new RegExp(String.raw`^${PATH} == null \|\| ${PATH} === ''$`).exec(body);
  if (empty && empty[1] === empty[2]) return { field: empty[1]!, operator: 'empty', value: '' };
  const notEmpty = new RegExp(String.raw`^${PATH} != null && ${PATH} !== ''$`).exec(body);
  if (notEmpty && notEmpty[1] === notEmpty[2]) return { field: notEmpty[1]!, operator: 'notEmpty', value: '' };
  return undefined;
}

/** The values a condition can test: every field the data picker offers (trigger, earlier steps), by path. */
export function conditionFields(sources: readonly PickerSource[]): { expression: string; label: string }[] {
  return sources.flatMap((source) =>
    flattenFields(source.root)
      .filter((f) => f.expression !== source.root.expression)
      .map((f) => ({
        expression: f.expression,
        label: `${source.title} › ${f.expression.replace(/^steps\.[^.[]+\.?|^trigger\.?/, '')}`,
      })),
  );
}

/** The cases of a switch step as the builder edits them (name and condition). */
export function switchCases(config: JsonObject): { name: string; when: JsonValue | undefined }[] {
  const cases = Array.isArray(config.cases) ? config.cases : [];
  return cases.map((c, i) => ({
    name: isObject(c) && typeof c.name === 'string' ? c.name : String(i + 1),
    when: isObject(c) ? c.when : undefined,
  }));
}

export function withCaseWhen(config: JsonObject, index: number, when: string): JsonValue {
  const cases = Array.isArray(config.cases) ? config.cases : [];
  return cases.map((c, i) => (i === index && isObject(c) ? { ...c, when } : c));
}
