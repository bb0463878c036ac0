// A small JSON Schema check for the editor, so a form can show what is wrong before it is sent: the keywords
// connector input schemas use (type, enum, const, required, properties, additionalProperties, items, lengths,
// bounds, pattern, anyOf/oneOf/allOf), each error at its RFC 6901 JSON pointer. The server checks again with
// the full validator; anything this does not understand is accepted here and left to it.
import { isObject, type JsonValue } from './flow-types.js';
import type { JsonSchema } from './catalog.js';

export interface SchemaError {
  /** Where in the checked value, e.g. `/items/0/name` ('' is the value itself). */
  pointer: string;
  message: string;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: JsonValue, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

export function schemaErrors(schema: JsonSchema | boolean | undefined, value: JsonValue, pointer = ''): SchemaError[] {
  if (schema === undefined || schema === true) return [];
  if (schema === false) return [{ pointer, message: 'is not allowed here' }];
  const errors: SchemaError[] = [];
  const add = (message: string, at = pointer) => errors.push({ pointer: at, message });

  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length && !types.some((t) => typeof t === 'string' && hasType(value, t))) {
    add(`should be ${types.map((t) => article(String(t))).join(' or ')}, not ${article(typeOf(value))}`);
    return errors;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value)))
    add(`should be one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}`);
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    add(`should be ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      add(schema.minLength === 1 ? 'should not be empty' : `should have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      add(`should have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !safeTest(schema.pattern, value))
      add(`should match the pattern ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add(`should be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) add(`should be at most ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      add(`should have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      add(`should have at most ${schema.maxItems} items`);
    const items = schema.items;
    if (isObject(items) || typeof items === 'boolean')
      value.forEach((item, i) => errors.push(...schemaErrors(items as JsonSchema | boolean, item, `${pointer}/${i}`)));
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const key of Array.isArray(schema.required) ? schema.required : [])
      if (typeof key === 'string' && value[key] === undefined) add(`is required`, `${pointer}/${escape(key)}`);
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${escape(key)}`;
      const declared = properties[key];
      if (isObject(declared) || typeof declared === 'boolean')
        errors.push(...schemaErrors(declared as JsonSchema | boolean, child, at));
      else if (schema.additionalProperties === false) add('is not a known field', at);
      else if (isObject(schema.additionalProperties))
        errors.push(...schemaErrors(schema.additionalProperties, child, at));
    }
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : [])
    if (isObject(part)) errors.push(...schemaErrors(part, value, pointer));
  const union = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (union && !union.some((part) => isObject(part) && !schemaErrors(part, value, pointer).length)) {
    // One form only (a nullable or expression union): its errors say more than "matches none".
    const forms = union.filter(isObject).filter((part) => !schemaErrors({ type: part.type ?? [] }, value).length);
    if (forms.length === 1) errors.push(...schemaErrors(forms[0], value, pointer));
    else add('does not match any of the allowed forms');
  }
  return errors;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}
