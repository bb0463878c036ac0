import { expect, test } from 'vitest';
import { aggregate } from './aggregate.js';
import { formatCsv, parseCsv } from './csv.js';
import { chunk, dedupe } from './dedupe.js';

const sales = [
  { region: 'eu', customer: { id: 'c1' }, amount: 10.1, day: '2024-01-02' },
  { region: 'us', customer: { id: 'c2' }, amount: 5, day: '2024-01-01' },
  { region: 'eu', customer: { id: 'c1' }, amount: '20.2', day: '2024-01-03' },
  { region: 'eu', customer: { id: 'c3' }, amount: null, day: '2024-01-01' },
];

test('aggregates per group in first-seen order, skipping non-numbers in sums', () => {
  expect(
    aggregate(
      sales,
      ['region'],
      [
        { op: 'count' },
        { op: 'sum', field: 'amount' },
        { op: 'avg', field: 'amount', as: 'average' },
        { op: 'min', field: 'day', as: 'first' },
        { op: 'max', field: 'amount' },
        { op: 'count', field: 'amount', as: 'withAmount' },
      ],
    ),
  ).toEqual([
    {
      region: 'eu',
      count: 3,
      sum_amount: 30.3,
      average: 15.15,
      first: '2024-01-01',
      max_amount: '20.2',
      withAmount: 2,
    },
    { region: 'us', count: 1, sum_amount: 5, average: 5, first: '2024-01-01', max_amount: 5, withAmount: 1 },
  ]);
});

test('groups by nested fields into nested output, or everything into one group', () => {
  expect(aggregate(sales, ['region', 'customer.id'], [{ op: 'count' }])).toEqual([
    { region: 'eu', customer: { id: 'c1' }, count: 2 },
    { region: 'us', customer: { id: 'c2' }, count: 1 },
    { region: 'eu', customer: { id: 'c3' }, count: 1 },
  ]);
  expect(aggregate(sales, [], [{ op: 'sum', field: 'amount', as: 'total' }])).toEqual([{ total: 35.3 }]);
  expect(aggregate([], [], [{ op: 'avg', field: 'x' }])).toEqual([]);
});

test('dedupes by one or several keys, keeping the first or the last', () => {
  const rows = [
    { id: 1, v: 'a' },
    { id: 2, v: 'b' },
    { id: 1, v: 'c' },
  ];
  expect(dedupe(rows, ['id'])).toEqual([rows[0], rows[1]]);
  expect(dedupe(rows, ['id'], 'last')).toEqual([rows[1], rows[2]]);
  expect(dedupe([{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }], [])).toEqual([{ a: 1, b: 2 }, { a: 1 }]);
  expect(dedupe(sales, ['region', 'customer.id'])).toHaveLength(3);
});

test('splits into batches', () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunk([], 3)).toEqual([]);
});

test('parses CSV with quotes, a BOM and a header, optionally casting numbers', () => {
  const text = '\uFEFFname,note,qty\n"Doe, Ann","said ""hi""",3\n\nBob,,"04"\n';
  expect(parseCsv(text)).toEqual([
    { name: 'Doe, Ann', note: 'said "hi"', qty: '3' },
    { name: 'Bob', note: '', qty: '04' },
  ]);
  expect(parseCsv(text, { numbers: true })[0]).toMatchObject({ qty: 3 });
  expect(parseCsv(text, { numbers: true })[1]).toMatchObject({ qty: '04' });
  expect(parseCsv('a;b\n1;2', { header: false, delimiter: ';' })).toEqual([
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect(() => parseCsv('a,b\n1,2,3')).toThrow(/could not be parsed/);
});

test('formats CSV from objects or lists, quoting as needed', () => {
  expect(
    formatCsv([
      { name: 'Doe, Ann', qty: 3 },
      { name: 'Bob', extra: { x: 1 }, ok: true },
    ]),
  ).toBe('name,qty,extra,ok\n"Doe, Ann",3,,\nBob,,"{""x"":1}",true\n');
  expect(formatCsv([{ a: 1, b: 2 }], { columns: ['b'], delimiter: ';' })).toBe('b\n2\n');
  expect(formatCsv([['=SUM(A1)', 'x']], { escapeFormulas: true })).toBe("'=SUM(A1),x\n");
  expect(() => formatCsv([{ a: 1 }, [1]])).toThrow(/all be objects or all be lists/);
});
