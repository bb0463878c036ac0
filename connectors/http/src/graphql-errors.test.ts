import { expect, test } from 'vitest';
import { isMutation } from './graphql-errors.js';

test('tells mutations from queries, by operation name when there are several', () => {
  expect(isMutation('mutation Add($n: Int) { add(n: $n) }')).toBe(true);
  expect(isMutation('{ viewer { login } }')).toBe(false);
  expect(isMutation('# mutation in a comment\nquery Q { a(s: "mutation") }')).toBe(false);
  const doc = 'query Read { a } mutation Write { b }';
  expect(isMutation(doc, 'Write')).toBe(true);
  expect(isMutation(doc, 'Read')).toBe(false);
});
