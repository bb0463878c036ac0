import { expect, test } from 'vitest';
import { encodePayload, isTruncatedPayload, utf8Prefix } from './payload.js';

const limits = { inline: 100, max: 10_000 };
const where = { slot: 'step:a:output', what: 'output of step "a"' };

test('payloads up to the inline limit stay in the column, larger ones go whole to a blob behind a marker', () => {
  expect(encodePayload({ a: 1 }, limits, where)).toEqual({ column: '{"a":1}' });
  expect(encodePayload(undefined, limits, where)).toEqual({ column: null });
  expect(encodePayload(null, limits, where)).toEqual({ column: 'null' });
  const value = { data: 'x'.repeat(5000) };
  const encoded = encodePayload(value, limits, where);
  const marker = JSON.parse(encoded.column!) as unknown;
  expect(isTruncatedPayload(marker)).toBe(true);
  expect(marker).toMatchObject({ originalBytes: 5011, preview: `{"data":"${'x'.repeat(1015)}`, $blob: where.slot });
  expect(encoded.blob).toEqual({ slot: where.slot, bytes: 5011, body: JSON.stringify(value) });
});

test('payloads over the hard cap are refused', () => {
  expect(() => encodePayload({ data: 'x'.repeat(20_000) }, limits, where)).toThrow(
    expect.objectContaining({ code: 'payload_too_large', retryable: false }),
  );
});

test('a value JSON cannot encode becomes a marker instead of an exception', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  expect(JSON.parse(encodePayload(cyclic as never, limits, where).column!)).toMatchObject({ $unserializable: true });
});

test('previews never split a UTF-8 character or a surrogate pair', () => {
  expect(utf8Prefix('aé', 2)).toBe('a');
  expect(utf8Prefix('aéb', 3)).toBe('aé');
  expect(utf8Prefix('a😀', 4)).toBe('a');
  expect(utf8Prefix('a😀', 5)).toBe('a😀');
  expect(utf8Prefix('😀😀', 1)).toBe('');
});
