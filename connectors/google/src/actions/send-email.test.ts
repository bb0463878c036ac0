import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import { startFakeGoogle, type FakeGoogle } from '../test-support/fake-google.js';
import { googleAt, googleCredential } from '../test-support/google-options.js';

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

describe('sendEmail', () => {
  test('sends the RFC 2822 message base64url-encoded as raw', async () => {
    const { output } = await runAction(googleAt(google), 'sendEmail', {
      credentials: googleCredential(),
      baseUrl: google.baseUrl,
      input: {
        to: ['Ada Lovelace <ada@example.com>'],
        bcc: ['audit@example.com'],
        subject: 'Your payment failed – action needed',
        text: 'Hi Ada,\nplease update your card.',
      },
    });
    expect(output).toEqual({ id: 'sent1', threadId: 'thread1', labelIds: ['SENT'] });
    const request = google.api.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/gmail/v1/users/me/messages/send' });
    expect(request.headers.authorization).toBe('Bearer ya29.valid');
    const mime = google.sent[0]!.mime;
    expect(mime).toContain('To: "Ada Lovelace" <ada@example.com>\r\n');
    expect(mime).toContain('Bcc: audit@example.com\r\n');
    expect(mime).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    const body = mime.split('\r\n\r\n')[1]!;
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Hi Ada,\nplease update your card.');
  });

  test('replies in a thread and refuses an email without a body', async () => {
    await runAction(googleAt(google), 'sendEmail', {
      credentials: googleCredential(),
      baseUrl: google.baseUrl,
      input: {
        to: ['a@example.com'],
        subject: 'Re: hi',
        html: '<p>ok</p>',
        threadId: 't9',
        inReplyTo: '<abc@mail.example>',
      },
    });
    expect(google.sent.at(-1)).toMatchObject({
      threadId: 't9',
      mime: expect.stringContaining('In-Reply-To: <abc@mail.example>'),
    });
    await expect(
      runAction(googleAt(google), 'sendEmail', {
        credentials: googleCredential(),
        baseUrl: google.baseUrl,
        input: { to: ['a@example.com'], subject: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'gmail_no_body' });
  });

  test('an expired access token is refreshed with the refresh token before the request', async () => {
    const clock = createFakeClock();
    const { credential } = await runAction(googleAt(google), 'sendEmail', {
      credentials: googleCredential({ accessToken: 'ya29.expired' }, clock.now() - 1),
      baseUrl: google.baseUrl,
      clock,
      input: { to: ['a@example.com'], subject: 'hi', text: 'hi' },
    });
    const [refresh, send] = google.api.requests.slice(-2);
    expect(refresh).toMatchObject({ path: '/token' });
    expect(Object.fromEntries(new URLSearchParams(refresh!.body))).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: '1//refresh-ok',
      client_id: 'client-1.apps.googleusercontent.com',
    });
    expect(send!.headers.authorization).toBe(`Bearer ${credential!.values.accessToken}`);
    expect(credential).toMatchObject({ values: { refreshToken: '1//refresh-ok' }, expiresAt: clock.now() + 3_599_000 });
  });

  test('a revoked refresh token marks the connection as needing a reconnect', async () => {
    const clock = createFakeClock();
    const run = runAction(googleAt(google), 'sendEmail', {
      credentials: googleCredential({ accessToken: 'ya29.expired', refreshToken: '1//revoked' }, clock.now() - 1),
      baseUrl: google.baseUrl,
      clock,
      input: { to: ['a@example.com'], subject: 'hi', text: 'hi' },
    });
    await expect(run).rejects.toMatchObject({
      code: 'connector_needs_reconnect',
      message: expect.stringContaining('invalid_grant'),
    });
  });

  test('Google’s quota 403 is reported as rate limiting, not as a permission problem', async () => {
    google.failNext('POST /gmail/v1/users/me/messages/send', {
      status: 403,
      json: {
        error: { code: 403, message: 'User-rate limit exceeded', errors: [{ reason: 'userRateLimitExceeded' }] },
      },
    });
    await expect(
      runAction(googleAt(google), 'sendEmail', {
        credentials: googleCredential(),
        baseUrl: google.baseUrl,
        input: { to: ['a@example.com'], subject: 'x', text: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'connector_rate_limited', retryable: true });
  });
});
