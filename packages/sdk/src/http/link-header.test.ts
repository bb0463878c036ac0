import { expect, test } from 'vitest';
import { getPath } from './field-path.js';
import { linkWithRel } from './link-header.js';

test('finds rel="next" among several links, with or without quotes and with several relations', () => {
  const header =
    '<https://api.example/items?page=1>; rel="first", <https://api.example/items?page=3&a=1,2>; rel="next last"; title="x"';
  expect(linkWithRel(header, 'next')).toBe('https://api.example/items?page=3&a=1,2');
  expect(linkWithRel('</items?page=2>; rel=next', 'NEXT')).toBe('/items?page=2');
  expect(linkWithRel('</items?page=2>; rel="prev"', 'next')).toBeUndefined();
  expect(linkWithRel(undefined, 'next')).toBeUndefined();
});

test('reads dotted and indexed paths', () => {
  const body = { meta: { next_cursor: 'c2' }, data: [{ id: 1 }, { id: 2 }], 'odd.key': { x: 1 } };
  expect(getPath(body, 'meta.next_cursor')).toBe('c2');
  expect(getPath(body, 'data[1].id')).toBe(2);
  expect(getPath(body, 'data.0.id')).toBe(1);
  expect(getPath(body, "['odd.key'].x")).toBe(1);
  expect(getPath(body, 'meta.missing.deeper')).toBeUndefined();
  expect(getPath(body, '')).toBe(body);
});

test('finds the next and last links of a GitHub Link header', () => {
  const header =
    '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", ' +
    '<https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ' +
    '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", ' +
    '<https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
  expect(linkWithRel(header, 'next')).toBe('https://api.github.com/repositories/1300192/issues?page=4');
  expect(linkWithRel(header, 'last')).toBe('https://api.github.com/repositories/1300192/issues?page=515');
  expect(linkWithRel(header.split(', ').slice(2).join(', '), 'next')).toBeUndefined();
});
