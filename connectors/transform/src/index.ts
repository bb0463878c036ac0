// The Transform connector: data shaping steps that need no code — fields by deep path, filters as data,
// JSON and CSV text, dates in time zones, batches, aggregates and de-duplication. The engine's own
// `transform.map` (mappings) and `transform.code` (sandboxed JavaScript) stay built in.
import { defineConnector } from '@weft/sdk';
import { aggregateItems } from './actions/aggregate-items.js';
import { chunkItems } from './actions/chunk-items.js';
import { dedupeItems } from './actions/dedupe-items.js';
import { filterItems } from './actions/filter-items.js';
import { formatCsv } from './actions/format-csv.js';
import { formatDate } from './actions/format-date.js';
import { parseCsv } from './actions/parse-csv.js';
import { parseJson } from './actions/parse-json.js';
import { setFields } from './actions/set-fields.js';
import { stringifyJson } from './actions/stringify-json.js';

export { aggregate, type Aggregation } from './aggregate.js';
export { setFields, type FieldRule, type SetFieldsOptions } from './set-fields.js';
export { matches, matchesAll, OPERATORS, type Condition, type Operator } from './conditions.js';
export { formatCsv, parseCsv, type FormatCsvOptions, type ParseCsvOptions } from './csv.js';
export { formatDate, type FormatDateOptions, type FormattedDate } from './date-format.js';
export { chunk, dedupe } from './dedupe.js';
export { deletePath, getPath, setPath, type Json } from './paths.js';

export default defineConnector({
  name: 'transform',
  version: '1.0.0',
  title: 'Transform',
  description: 'Shape data without code: fields, filters, JSON, CSV, dates, batches, aggregates, duplicates.',
  icon: '🔧',
  categories: ['Transform'],
  auth: { kind: 'none' },
  actions: [
    setFields,
    filterItems,
    parseJson,
    stringifyJson,
    parseCsv,
    formatCsv,
    formatDate,
    chunkItems,
    aggregateItems,
    dedupeItems,
  ],
});
