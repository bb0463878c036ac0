// Every action through the runtime path (input validation, defaults, output redaction): runAction.
import { runAction } from '@weft/sdk/testing';
import { expect, test } from 'vitest';
import connector from './index.js';

test('setFields maps each item of a list', async () => {
  const { output } = await runAction(connector, 'setFields', {
    input: {
      data: [{ user: { email: 'a@x.io' } }, { user: {} }],
      fields: [{ to: 'email', from: 'user.email', value: 'unknown' }],
      remove: ['user'],
    },
  });
  expect(output).toEqual({ result: [{ email: 'a@x.io' }, { email: 'unknown' }] });
});

test('filterItems keeps matches and returns the rest', async () => {
  const { output } = await runAction(connector, 'filterItems', {
    input: {
      items: [{ n: 1 }, { n: 5 }, { n: 9 }],
      conditions: [{ field: 'n', operator: 'gte', value: 5 }],
    },
  });
  expect(output).toEqual({ items: [{ n: 5 }, { n: 9 }], count: 2, rejected: [{ n: 1 }] });
});

test('filterItems rejects an unknown operator before running', async () => {
  await expect(
    runAction(connector, 'filterItems', {
      input: { items: [], conditions: [{ field: 'n', operator: 'like' as never }] },
    }),
  ).rejects.toMatchObject({ code: 'connector_invalid_input' });
});

test('parseJson and stringifyJson round-trip, and bad JSON is a validation error', async () => {
  const { output: text } = await runAction(connector, 'stringifyJson', {
    input: { value: { a: [1, 'x'] }, indent: 2 },
  });
  expect(text.text).toBe('{\n  "a": [\n    1,\n    "x"\n  ]\n}');
  const { output: parsed } = await runAction(connector, 'parseJson', { input: { text: text.text } });
  expect(parsed).toEqual({ value: { a: [1, 'x'] } });
  await expect(runAction(connector, 'parseJson', { input: { text: '{a:1}' } })).rejects.toMatchObject({
    code: 'connector_validation',
    message: expect.stringContaining('not valid JSON'),
  });
});

test('parseCsv and formatCsv', async () => {
  const { output: parsed } = await runAction(connector, 'parseCsv', { input: { text: 'id,name\n1,Ann\n2,Bob' } });
  expect(parsed).toEqual({
    rows: [
      { id: '1', name: 'Ann' },
      { id: '2', name: 'Bob' },
    ],
    count: 2,
  });
  const { output: formatted } = await runAction(connector, 'formatCsv', { input: { rows: parsed.rows, eol: '\r\n' } });
  expect(formatted.text).toBe('id,name\r\n1,Ann\r\n2,Bob\r\n');
});

test('formatDate in a time zone', async () => {
  const { output } = await runAction(connector, 'formatDate', {
    input: { date: '2024-07-14T10:00:00Z', timezone: 'Europe/Paris', pattern: 'dd/MM/yyyy HH:mm' },
  });
  expect(output).toMatchObject({ formatted: '14/07/2024 12:00', local: '2024-07-14T12:00:00+02:00' });
});

test('chunkItems, aggregateItems and dedupeItems', async () => {
  const items = [
    { k: 'a', v: 1 },
    { k: 'b', v: 2 },
    { k: 'a', v: 3 },
  ];
  expect((await runAction(connector, 'chunkItems', { input: { items, size: 2 } })).output).toEqual({
    chunks: [[items[0], items[1]], [items[2]]],
    count: 2,
  });
  expect(
    (
      await runAction(connector, 'aggregateItems', {
        input: { items, groupBy: ['k'], aggregations: [{ op: 'sum', field: 'v' }] },
      })
    ).output,
  ).toEqual({
    groups: [
      { k: 'a', sum_v: 4 },
      { k: 'b', sum_v: 2 },
    ],
    count: 2,
  });
  expect((await runAction(connector, 'dedupeItems', { input: { items, key: 'k', keep: 'last' } })).output).toEqual({
    items: [items[1], items[2]],
    count: 2,
    removed: 1,
  });
});
