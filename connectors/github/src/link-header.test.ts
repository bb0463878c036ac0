import { expect, test } from 'vitest';
import { linkUrl } from './link-header.js';

test('finds the next and last links of a GitHub Link header', () => {
  const header =
    '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", ' +
    '<https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ' +
    '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", ' +
    '<https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
  expect(linkUrl(header, 'next')).toBe('https://api.github.com/repositories/1300192/issues?page=4');
  expect(linkUrl(header, 'last')).toBe('https://api.github.com/repositories/1300192/issues?page=515');
  expect(linkUrl('<https://x.test/a?b=1,2>; rel="next"', 'next')).toBe('https://x.test/a?b=1,2');
  expect(linkUrl(header.split(', ').slice(2).join(', '), 'next')).toBeUndefined();
  expect(linkUrl(undefined, 'next')).toBeUndefined();
});
