// Turns an action's input JSON Schema into form field descriptors: the editor renders these, and any field
// may instead hold a `{{ }}` expression. Only the schema features connectors use are understood; anything
// else falls back to a free JSON/expression field.
import { isObject, type JsonValue } from './flow-types.js';
import type { JsonSchema } from './catalog.js';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'secret'
  | 'credential'
  | 'object'
  | 'map'
  | 'array'
  | 'json';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  placeholder?: string;
  default?: JsonValue;
  options?: JsonValue[];
  /** For `object`: its fields. */
  fields?: FieldSpec[];
  /** For `array`: the spec of one item (key is ''). */
  item?: FieldSpec;
  /** A developer-only option (`"x-advanced": true` in the schema): shown under "Advanced". */
  advanced: boolean;
  schema: JsonSchema;
}

const EXPRESSION_PATTERN = /\\\{/;

/** `anyOf: [X, {expression string}]` (core's expressionOr) and nullable unions collapse to X. */
export function effectiveSchema(schema: JsonSchema): JsonSchema {
  const union = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (!union) return schema;
  const real = union.filter(
    (s) =>
      isObject(s) &&
      !(s.type === 'string' && typeof s.pattern === 'string' && EXPRESSION_PATTERN.test(s.pattern)) &&
      s.type !== 'null',
  );
  if (real.length === 1 && isObject(real[0])) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return { ...rest, ...real[0] };
  }
  return schema;
}

export function humanize(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function fieldSpec(key: string, raw: JsonSchema, required: boolean): FieldSpec {
  const schema = effectiveSchema(raw);
  const spec: FieldSpec = {
    key,
    label: typeof schema.title === 'string' ? schema.title : humanize(key),
    kind: kindOf(schema),
    required,
    advanced: !required && schema['x-advanced'] === true,
    schema,
  };
  if (typeof schema.description === 'string') spec.description = schema.description;
  if (schema.default !== undefined) spec.default = schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length) spec.placeholder = String(schema.examples[0]);
  if (spec.kind === 'enum') spec.options = schema.enum as JsonValue[];
  if (spec.kind === 'object') spec.fields = fieldSpecs(schema);
  if (spec.kind === 'array') spec.item = fieldSpec('', isObject(schema.items) ? schema.items : {}, false);
  return spec;
}

function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum)) return 'enum';
  if (schema.writeOnly === true || schema.format === 'password' || schema['x-secret'] === true) return 'secret';
  // A connection chosen inside the settings (the actions a sync step calls), by its id.
  if (schema['x-credential'] === true && schema.type === 'string') return 'credential';
  switch (schema.type) {
    case 'string':
      return schema.format === 'textarea' ||
        schema['x-multiline'] === true ||
        (typeof schema.maxLength === 'number' && schema.maxLength > 500)
        ? 'textarea'
        : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      if (isObject(schema.properties) && Object.keys(schema.properties).length) return 'object';
      return 'map';
    default:
      return isObject(schema.properties) ? 'object' : 'json';
  }
}

/** The fields of an object schema, required ones first (in schema order otherwise). */
export function fieldSpecs(schema: JsonSchema | undefined): FieldSpec[] {
  if (!schema) return [];
  const effective = effectiveSchema(schema);
  const properties = isObject(effective.properties) ? effective.properties : {};
  const required = new Set(Array.isArray(effective.required) ? effective.required.map(String) : []);
  const specs = Object.entries(properties).map(([key, s]) => fieldSpec(key, isObject(s) ? s : {}, required.has(key)));
  return [...specs.filter((s) => s.required), ...specs.filter((s) => !s.required)];
}

/** True when the schema describes a free-form object (no declared properties), e.g. transform.map. */
export function isFreeForm(schema: JsonSchema | undefined): boolean {
  if (!schema) return true;
  const effective = effectiveSchema(schema);
  return !isObject(effective.properties) || Object.keys(effective.properties).length === 0;
}

/** Parses what the user typed into the value stored in config. Expressions stay strings. */
export function parseFieldInput(kind: FieldKind, text: string): JsonValue | undefined {
  if (text === '') return undefined;
  if (text.includes('{{')) return text;
  switch (kind) {
    case 'number':
    case 'integer': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'json':
    case 'object':
    case 'map':
    case 'array':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/** The text shown in an input for a stored value. */
export function formatFieldValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/** Sets (or with undefined, removes) a key of a config object, returning a new object. */
export function setConfigValue(
  config: Record<string, JsonValue> | undefined,
  key: string,
  value: JsonValue | undefined,
): Record<string, JsonValue> {
  const next = { ...(config ?? {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * The fields people need first, and the developer-only ones for the "Advanced" group. The group starts open when
 * one of its fields is set to something other than its default or has a problem, so nothing that matters hides.
 */
export function splitAdvanced(
  specs: readonly FieldSpec[],
  config: Record<string, JsonValue>,
  problemKeys: ReadonlySet<string> = new Set(),
): { basic: FieldSpec[]; advanced: FieldSpec[]; open: boolean } {
  const advanced = specs.filter((s) => s.advanced);
  const open = advanced.some(
    (s) =>
      problemKeys.has(s.key) ||
      (config[s.key] !== undefined && JSON.stringify(config[s.key]) !== JSON.stringify(s.default)),
  );
  return { basic: specs.filter((s) => !s.advanced), advanced, open };
}
