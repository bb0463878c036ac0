import { describe, expect, test } from 'vitest';
import { buildMimeMessage, encodeWords, toRaw } from './mime-message.js';

const decode = (b64: string) => Buffer.from(b64.replace(/\r\n/g, ''), 'base64').toString('utf8');

describe('MIME messages for Gmail', () => {
  test('a plain text message: headers, a blank line, the UTF-8 body in base64, CRLF line ends', () => {
    const mime = buildMimeMessage({
      to: ['ada@example.com', 'Grace Hopper <grace@example.com>'],
      cc: ['ops@example.com'],
      subject: 'Payment failed',
      text: 'Hello Ada,\nyour payment of 20 € failed.',
    });
    const [head, body] = mime.split('\r\n\r\n');
    expect(head!.split('\r\n')).toEqual([
      'To: ada@example.com, "Grace Hopper" <grace@example.com>',
      'Cc: ops@example.com',
      'Subject: Payment failed',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: base64',
    ]);
    expect(decode(body!)).toBe('Hello Ada,\nyour payment of 20 € failed.');
    expect(mime.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  test('text and html become multipart/alternative with a boundary derived from the content', () => {
    const message = { to: ['a@example.com'], subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' };
    const mime = buildMimeMessage(message);
    const boundary = /boundary="([^"]+)"/.exec(mime)![1]!;
    expect(mime.split(`--${boundary}\r\n`)).toHaveLength(3);
    expect(mime.trimEnd().endsWith(`--${boundary}--`)).toBe(true);
    expect(mime).toContain('Content-Type: text/html; charset="UTF-8"');
    expect(buildMimeMessage(message)).toBe(mime);
  });

  test('non-ASCII subjects and names are RFC 2047 encoded words of at most 75 characters', () => {
    const subject = 'Zahlung fehlgeschlagen – bitte prüfen Sie Ihre Karte, danke schön! 🙏';
    const encoded = encodeWords(subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
    }
    expect(words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('')).toBe(subject);
    expect(buildMimeMessage({ to: ['Zoë <zoe@example.com>'], subject: 'x' })).toContain(
      `To: =?UTF-8?B?${Buffer.from('Zoë').toString('base64')}?= <zoe@example.com>`,
    );
  });

  test('line breaks in header values are refused (header injection)', () => {
    expect(() => buildMimeMessage({ to: ['a@example.com'], subject: 'Hi\r\nBcc: victim@example.com' })).toThrow(
      /line break/,
    );
    expect(() => buildMimeMessage({ to: ['a@example.com\nBcc: x@example.com'], subject: 'Hi' })).toThrow(/line break/);
  });

  test('raw is base64url without padding', () => {
    const raw = toRaw(buildMimeMessage({ to: ['a@example.com'], subject: '??>>', text: '~~~>>>???' }));
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
