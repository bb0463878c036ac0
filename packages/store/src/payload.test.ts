import { expect, test } from 'vitest';
import { encodePayload, isTruncatedPayload, utf8Prefix } from './payload.js';

test('payloads up to the limit are stored as they are, larger ones as a marker with a 1 KiB preview', () => {
  expect(encodePayload({ a: 1 }, 100)).toBe('{"a":1}');
  expect(encodePayload(undefined, 100)).toBeNull();
  expect(encodePayload(null, 100)).toBe('null');
  const text = encodePayload({ data: 'x'.repeat(5000) }, 2000);
  const marker = JSON.parse(text!) as unknown;
  expect(isTruncatedPayload(marker)).toBe(true);
  expect(marker).toMatchObject({ originalBytes: 5011, preview: `{"data":"${'x'.repeat(1015)}` });
});

test('a value JSON cannot encode becomes a marker instead of an exception', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  expect(JSON.parse(encodePayload(cyclic as never, 100)!)).toMatchObject({ $unserializable: true });
});

test('previews never split a UTF-8 character or a surrogate pair', () => {
  expect(utf8Prefix('aé', 2)).toBe('a');
  expect(utf8Prefix('aéb', 3)).toBe('aé');
  expect(utf8Prefix('a😀', 4)).toBe('a');
  expect(utf8Prefix('a😀', 5)).toBe('a😀');
  expect(utf8Prefix('😀😀', 1)).toBe('');
});
