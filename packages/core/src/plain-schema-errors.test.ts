// Schema errors read as sentences for people, naming the field by its title or its key in words.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { humanizeKey, plainSchemaErrors } from './plain-schema-errors.js';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const messages = (schema: object, value: unknown) => {
  const validate = ajv.compile(schema);
  validate(value);
  return plainSchemaErrors(validate.errors).map((e) => `${e.pointer} ${e.message}`);
};

describe('plain schema errors', () => {
  it('names keys in words, with acronyms in capitals', () => {
    expect(humanizeKey('url')).toBe('URL');
    expect(humanizeKey('spreadsheetId')).toBe('Spreadsheet ID');
    expect(humanizeKey('from_email')).toBe('From email');
  });

  it('says what is missing or wrong per field, using the title when there is one', () => {
    const schema = {
      type: 'object',
      required: ['channel', 'url'],
      properties: {
        channel: { type: 'string' },
        url: { type: 'string', title: 'Endpoint address' },
        limit: { type: 'integer', maximum: 100 },
        mode: { enum: ['a', 'b'] },
        name: { type: 'string', minLength: 1 },
      },
    };
    expect(messages(schema, { limit: 500, mode: 'c', name: '' })).toEqual([
      '/channel Channel is required',
      '/url Endpoint address is required',
      '/limit Limit must be at most 100',
      '/mode Mode must be one of: a, b',
      '/name Name is required',
    ]);
  });

  it('sums up the branches of an anyOf in one sentence', () => {
    const schema = { anyOf: [{ required: ['ms'] }, { required: ['until'] }] };
    expect(messages(schema, {})).toEqual([' These settings do not fit together']);
  });
});
