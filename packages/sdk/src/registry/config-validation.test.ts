import { describe, expect, test } from 'vitest';
import { defineAction, defineConnector, defineTrigger } from '../index.js';
import { runAction, runPoll } from '../testing/index.js';

const fields = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
const text = { type: 'string' } as const;
const seven = {
  type: 'object',
  properties: { a: text, b: text, c: text, d: text, e: text, f: text, g: text },
  required: fields,
} as const;

const connector = defineConnector({
  name: 'strict',
  version: '1.0.0',
  title: 'Strict',
  description: 'Has many required settings',
  actions: [
    defineAction({
      key: 'act',
      title: 'Act',
      description: 'Needs seven inputs',
      input: seven,
      output: {} as const,
      run: () => Promise.resolve({}),
    }),
  ],
  triggers: [
    defineTrigger({
      key: 'rows',
      title: 'Rows',
      description: 'Needs seven settings',
      kind: 'polling',
      config: seven,
      poll: () => Promise.resolve({ items: [], cursor: null }),
      dedupeKey: () => 'x',
    }),
  ],
});

const pointers = fields.map((f) => `/${f}`);

describe('connector input and config validation reports every problem at once', () => {
  test('an action input missing seven fields names all seven, each with a pointer', async () => {
    const error = (await runAction(connector, 'act', { input: {} as never }).catch((e: unknown) => e)) as {
      message: string;
      details: { problems: { pointer: string }[] };
    };
    expect(error).toMatchObject({ code: 'connector_invalid_input' });
    expect(error.details.problems.map((p) => p.pointer)).toEqual(pointers);
    for (const field of fields) expect(error.message).toContain(`/${field} is required`);
  });

  test('a trigger config missing seven fields names all seven, each with a pointer', async () => {
    const error = (await runPoll(connector, 'rows', { config: {} }).catch((e: unknown) => e)) as {
      message: string;
      details?: { problems: { pointer: string }[] };
    };
    expect(error).toMatchObject({ code: 'connector_invalid_config' });
    expect(error.details?.problems.map((p) => p.pointer)).toEqual(pointers);
    for (const field of fields) expect(error.message).toContain(`/${field} is required`);
  });
});
