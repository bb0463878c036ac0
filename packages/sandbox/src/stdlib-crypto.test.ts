import { createHash, createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const sandbox = createSandbox({ size: 1, timeoutMs: 2000 });
afterAll(() => sandbox.dispose());

/** Deterministic strings covering ASCII, multi-byte UTF-8, astral characters and block boundaries. */
function samples(): string[] {
  const alphabet = ['a', 'Z', '0', ' ', '\n', 'é', 'ß', '€', '中', '😀', '\u0000', '~', '\ud83d'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const random = Array.from({ length: 20 }, (_, i) =>
    Array.from({ length: i * 9 + (next() % 7) }, () => alphabet[next() % alphabet.length]).join(''),
  );
  const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000];
  return [...lengths.map((n) => 'x'.repeat(n)), ...random, 'The quick brown fox jumps over the lazy dog'];
}

async function inSandbox(code: string, trigger: unknown): Promise<unknown> {
  return (await sandbox.runCode(code, { trigger: trigger as never, steps: {} })).value;
}

describe('$crypto', () => {
  const inputs = samples();

  it.each(['sha256', 'sha1', 'md5'] as const)('%s matches node:crypto', async (algorithm) => {
    const actual = await inSandbox(`return trigger.map((s) => $crypto.${algorithm}(s))`, inputs);
    expect(actual).toEqual(inputs.map((s) => createHash(algorithm).update(s, 'utf8').digest('hex')));
  });

  it.each([
    ['hmacSha256', 'sha256'],
    ['hmacSha1', 'sha1'],
  ] as const)('%s matches node:crypto, including keys longer than a block', async (name, algorithm) => {
    const keys = ['', 'key', 'k'.repeat(64), 'long key '.repeat(20), 'clé 🔑'];
    const cases = keys.flatMap((key) => inputs.slice(0, 12).map((message) => [key, message]));
    const actual = await inSandbox(`return trigger.map(([key, message]) => $crypto.${name}(key, message))`, cases);
    expect(actual).toEqual(
      cases.map(([key, message]) => createHmac(algorithm, key!).update(message!, 'utf8').digest('hex')),
    );
  });

  it('encodes digests as base64 on request', async () => {
    const actual = await inSandbox(
      'return [$crypto.sha256(trigger, "base64"), $crypto.hmacSha256("k", trigger, "base64")]',
      'payload',
    );
    expect(actual).toEqual([
      createHash('sha256').update('payload').digest('base64'),
      createHmac('sha256', 'k').update('payload').digest('base64'),
    ]);
  });

  it('hashes a large input', async () => {
    const big = 'abc€'.repeat(50_000);
    expect(await inSandbox('return $crypto.sha256(trigger)', big)).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('refuses non-string input and unknown encodings', async () => {
    await expect(inSandbox('return $crypto.md5(42)', null)).rejects.toThrow(
      '$crypto.md5 expects a string, got a number',
    );
    await expect(inSandbox('return $crypto.sha1("x", "latin1")', null)).rejects.toThrow(
      'encoding is "hex" or "base64"',
    );
  });

  it('runs on the synchronous fast path too', async () => {
    const { value } = await sandbox.render('{{ $crypto.hmacSha256("secret", trigger.body) }}', {
      trigger: { body: '{"a":1}' },
      steps: {},
    });
    expect(value).toBe(createHmac('sha256', 'secret').update('{"a":1}').digest('hex'));
  });
});
