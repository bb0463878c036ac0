import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './catalog.js';
import {
  effectiveSchema,
  fieldSpec,
  fieldSpecs,
  splitAdvanced,
  formatFieldValue,
  isFreeForm,
  parseFieldInput,
  setConfigValue,
} from './schema-form.js';

const status: JsonSchema = {
  anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*\\{\\{[\\s\\S]*\\}\\}\\s*$' }],
};

const input: JsonSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    method: { type: 'string', enum: ['GET', 'POST'], default: 'GET' },
    url: { type: 'string', title: 'URL', description: 'Where to send it' },
    retries: { type: 'integer' },
    verbose: { type: 'boolean' },
    apiKey: { type: 'string', writeOnly: true },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    auth: { type: 'object', properties: { user: { type: 'string' } } },
    tags: { type: 'array', items: { type: 'string' } },
    body: {},
    status,
  },
};

describe('schema form', () => {
  it('maps schema types to field kinds with required fields first', () => {
    const specs = fieldSpecs(input);
    expect(specs.map((s) => [s.key, s.kind])).toEqual([
      ['url', 'text'],
      ['method', 'enum'],
      ['retries', 'integer'],
      ['verbose', 'boolean'],
      ['apiKey', 'secret'],
      ['headers', 'map'],
      ['auth', 'object'],
      ['tags', 'array'],
      ['body', 'json'],
      ['status', 'integer'],
    ]);
    expect(specs[0]).toMatchObject({ label: 'URL', required: true, description: 'Where to send it' });
    expect(specs[1]).toMatchObject({ label: 'Method', options: ['GET', 'POST'], default: 'GET' });
    expect(specs.find((s) => s.key === 'auth')!.fields!.map((f) => f.key)).toEqual(['user']);
    expect(specs.find((s) => s.key === 'tags')!.item!.kind).toBe('text');
  });

  it('unwraps core’s expression-or unions', () => {
    expect(effectiveSchema(status)).toMatchObject({ type: 'integer' });
  });

  it('recognises free-form objects', () => {
    expect(isFreeForm({ type: 'object' })).toBe(true);
    expect(isFreeForm(undefined)).toBe(true);
    expect(isFreeForm(input)).toBe(false);
  });

  it('parses typed input but keeps expressions as text', () => {
    expect(parseFieldInput('integer', '42')).toBe(42);
    expect(parseFieldInput('integer', '{{ trigger.n }}')).toBe('{{ trigger.n }}');
    expect(parseFieldInput('json', '{"a":1}')).toEqual({ a: 1 });
    expect(parseFieldInput('json', 'plain')).toBe('plain');
    expect(parseFieldInput('text', '')).toBeUndefined();
    expect(formatFieldValue({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatFieldValue(undefined)).toBe('');
  });

  it('sets and removes config keys immutably', () => {
    const config = { a: 1 };
    expect(setConfigValue(config, 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(setConfigValue(config, 'a', undefined)).toEqual({});
    expect(config).toEqual({ a: 1 });
  });
});

describe('advanced fields', () => {
  const schema = {
    type: 'object',
    properties: {
      verify: { enum: ['none', 'hmac'], default: 'none' },
      algorithm: { enum: ['sha256', 'sha1'], default: 'sha256', 'x-advanced': true },
      encoding: { enum: ['hex', 'base64'], default: 'hex', 'x-advanced': true },
    },
  };

  it('puts developer-only options under "Advanced", closed while they keep their defaults', () => {
    const groups = splitAdvanced(fieldSpecs(schema), { verify: 'hmac', algorithm: 'sha256' });
    expect(groups.basic.map((s) => s.key)).toEqual(['verify']);
    expect(groups.advanced.map((s) => s.key)).toEqual(['algorithm', 'encoding']);
    expect(groups.open).toBe(false);
  });

  it('opens "Advanced" when one of its options was changed or has a problem', () => {
    expect(splitAdvanced(fieldSpecs(schema), { encoding: 'base64' }).open).toBe(true);
    expect(splitAdvanced(fieldSpecs(schema), {}, new Set(['algorithm'])).open).toBe(true);
  });
});

describe('connections inside settings', () => {
  it('renders a string marked x-credential as a connection choice', () => {
    expect(fieldSpec('credential', { type: 'string', 'x-credential': true }, false).kind).toBe('credential');
    expect(fieldSpec('credential', { type: 'string' }, false).kind).toBe('text');
  });
});
