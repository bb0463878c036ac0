import { expect, test } from 'vitest';
import { parseDuration } from './openai-request.js';

test('reads OpenAI’s reset durations', () => {
  expect(parseDuration('1s')).toBe(1000);
  expect(parseDuration('6m0s')).toBe(360_000);
  expect(parseDuration('20ms')).toBe(20);
  expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
  expect(parseDuration('soon')).toBeUndefined();
  expect(parseDuration(undefined)).toBeUndefined();
});
