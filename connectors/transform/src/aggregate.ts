// Grouping items by one or more fields and computing count, sum, min, max and avg per group. Groups come out
// in the order their first item came in; sums and averages skip values that are not numbers.
import { ConnectorError } from '@weft/sdk';
import { compareValues, stableJson, toNumber } from './compare-values.js';
import { getPath, setPath, type Json } from './paths.js';

export interface Aggregation {
  op: 'count' | 'sum' | 'min' | 'max' | 'avg';
  /** The field to aggregate; `count` without a field counts items, with one it counts items that have it. */
  field?: string;
  /** Output field (a path); default `<op>` or `<op>_<field>`. */
  as?: string;
}

export function aggregate(
  items: readonly Json[],
  groupBy: readonly string[],
  aggregations: readonly Aggregation[],
): Json[] {
  const groups = new Map<string, { key: Json[]; members: Json[] }>();
  for (const item of items) {
    const key = groupBy.map((field) => getPath(item, field) ?? null);
    const id = stableJson(key);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, members: [] }));
    group.members.push(item);
  }
  return [...groups.values()].map(({ key, members }) => {
    const out: Json = {};
    groupBy.forEach((field, i) => setPath(out, field, key[i]!));
    for (const aggregation of aggregations) setPath(out, outputName(aggregation), compute(aggregation, members));
    return out;
  });
}

function outputName(aggregation: Aggregation): string {
  if (aggregation.as) return aggregation.as;
  return aggregation.field ? `${aggregation.op}_${aggregation.field.replace(/[^\w]+/g, '_')}` : aggregation.op;
}

function compute(aggregation: Aggregation, members: readonly Json[]): Json {
  const { op, field } = aggregation;
  if (op === 'count' && field === undefined) return members.length;
  if (field === undefined) {
    throw new ConnectorError({ kind: 'validation', message: `The "${op}" aggregation needs a field` });
  }
  const values = members.map((m) => getPath(m, field)).filter((v): v is Json => v !== undefined && v !== null);
  switch (op) {
    case 'count':
      return values.length;
    case 'sum':
      return round(numbers(values).reduce((a, b) => a + b, 0));
    case 'avg': {
      const list = numbers(values);
      return list.length === 0 ? null : round(list.reduce((a, b) => a + b, 0) / list.length);
    }
    case 'min':
    case 'max': {
      let best: Json | undefined;
      for (const value of values) {
        const comparison = best === undefined ? undefined : compareValues(value, best);
        if (best === undefined || (comparison !== undefined && (op === 'min' ? comparison < 0 : comparison > 0)))
          best = value;
      }
      return best ?? null;
    }
  }
}

function numbers(values: readonly Json[]): number[] {
  return values.map(toNumber).filter((n): n is number => n !== undefined);
}

/** Hides binary floating-point noise (0.1 + 0.2) without changing real precision. */
function round(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}
