import { describe, expect, test } from 'vitest';
import {
  verifyGithubSignature,
  verifyHmac,
  verifySlackSignature,
  verifyStandardWebhook,
  verifyStripeSignature,
} from '../index.js';
import { signGithub, signHmac, signSlack, signStandardWebhook, signStripe } from '../testing/index.js';

const now = 1_700_000_000_000;
const t = now / 1000;
const body = '{"id":"evt_1","type":"invoice.paid"}';

describe('GitHub', () => {
  test('matches the example from GitHub docs', () => {
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifyGithubSignature({ payload: 'Hello, World!', header, secret: "It's a Secret to Everybody" })).toBe(
      true,
    );
    expect(verifyGithubSignature({ payload: 'Hello, World?', header, secret: "It's a Secret to Everybody" })).toBe(
      false,
    );
  });
  test('rejects a wrong secret, a missing header, a truncated signature', () => {
    const header = signGithub({ payload: body, secret: 's3cret' });
    expect(verifyGithubSignature({ payload: Buffer.from(body), header, secret: 's3cret' })).toBe(true);
    expect(verifyGithubSignature({ payload: body, header, secret: 'other' })).toBe(false);
    expect(verifyGithubSignature({ payload: body, header: undefined, secret: 's3cret' })).toBe(false);
    expect(verifyGithubSignature({ payload: body, header: header.slice(0, -2), secret: 's3cret' })).toBe(false);
  });
});

describe('Standard Webhooks / Svix', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  test('matches the specification test vector', () => {
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    expect(verifyStandardWebhook({ payload: '{"test": 2432232314}', headers, secret, now: 1614265330_000 })).toBe(true);
    expect(verifyStandardWebhook({ payload: '{"test": 2432232315}', headers, secret, now: 1614265330_000 })).toBe(
      false,
    );
  });
  test('accepts any of several signatures and svix-* headers; enforces the timestamp tolerance', () => {
    const headers = signStandardWebhook({ id: 'msg_1', payload: body, secret, timestamp: t });
    const rotated = { ...headers, 'webhook-signature': `v1,bm90LWl0 ${headers['webhook-signature']} v2,ignored` };
    expect(verifyStandardWebhook({ payload: body, headers: rotated, secret, now })).toBe(true);
    const svix = {
      'svix-id': headers['webhook-id'],
      'svix-timestamp': headers['webhook-timestamp'],
      'svix-signature': headers['webhook-signature'],
    };
    expect(verifyStandardWebhook({ payload: body, headers: svix, secret, now })).toBe(true);
    expect(verifyStandardWebhook({ payload: body, headers, secret: ['whsec_b3RoZXI=', secret], now })).toBe(true);
    expect(verifyStandardWebhook({ payload: body, headers, secret, now: now + 301_000 })).toBe(false);
    expect(verifyStandardWebhook({ payload: body, headers, secret, now: now - 301_000 })).toBe(false);
    expect(verifyStandardWebhook({ payload: body, headers: { ...headers, 'webhook-id': 'msg_2' }, secret, now })).toBe(
      false,
    );
  });
});

describe('Stripe', () => {
  test('verifies t= and v1=, any v1 during a secret roll, within tolerance', () => {
    const header = signStripe({ payload: body, secret: 'whsec_new', timestamp: t });
    expect(verifyStripeSignature({ payload: body, header, secret: 'whsec_new', now })).toBe(true);
    const rolling = signStripe({ payload: body, secret: ['whsec_old', 'whsec_new'], timestamp: t });
    expect(rolling.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verifyStripeSignature({ payload: body, header: rolling, secret: 'whsec_old', now })).toBe(true);
    expect(verifyStripeSignature({ payload: body, header: rolling, secret: 'whsec_new', now })).toBe(true);
    expect(verifyStripeSignature({ payload: body, header, secret: 'whsec_other', now })).toBe(false);
    // Whole seconds, as stripe-node counts: 300.999 s old is 300 s old and still accepted.
    expect(verifyStripeSignature({ payload: body, header, secret: 'whsec_new', now: now + 300_999 })).toBe(true);
    expect(verifyStripeSignature({ payload: body, header, secret: 'whsec_new', now: now + 301_000 })).toBe(false);
    expect(verifyStripeSignature({ payload: body, header, secret: 'whsec_new', now: now + 299_000 })).toBe(true);
    expect(
      verifyStripeSignature({ payload: body, header, secret: 'whsec_new', now: now + 400_000, toleranceSeconds: 600 }),
    ).toBe(true);
    expect(verifyStripeSignature({ payload: body, header: `t=${t}`, secret: 'whsec_new', now })).toBe(false);
    expect(
      verifyStripeSignature({ payload: body, header: header.replace(/t=\d+/, `t=${t + 1}`), secret: 'whsec_new', now }),
    ).toBe(false);
  });
});

describe('Slack', () => {
  test('verifies v0 signatures over the timestamp and body; refuses old timestamps', () => {
    const headers = signSlack({ payload: 'token=x&text=hi', secret: '8f742231b10e8888abcd99yyyzzz85a5', timestamp: t });
    const verify = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
      verifySlackSignature({
        payload: 'token=x&text=hi',
        signature: headers['x-slack-signature'],
        timestamp: headers['x-slack-request-timestamp'],
        secret: '8f742231b10e8888abcd99yyyzzz85a5',
        now,
        ...overrides,
      });
    expect(verify()).toBe(true);
    expect(verify({ payload: 'token=x&text=ho' })).toBe(false);
    expect(verify({ timestamp: String(t + 1) })).toBe(false);
    expect(verify({ now: now + 301_000 })).toBe(false);
    expect(verify({ signature: undefined })).toBe(false);
  });
});

describe('generic HMAC', () => {
  test('supports algorithms, encodings and prefixes', () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      for (const encoding of ['hex', 'base64', 'base64url'] as const) {
        const signature = signHmac({ payload: body, secret: 'k', algorithm, encoding, prefix: 'sig=' });
        expect(verifyHmac({ payload: body, secret: 'k', signature, algorithm, encoding, prefix: 'sig=' })).toBe(true);
        expect(verifyHmac({ payload: `${body} `, secret: 'k', signature, algorithm, encoding, prefix: 'sig=' })).toBe(
          false,
        );
      }
    }
    const hex = signHmac({ payload: body, secret: 'k' });
    expect(verifyHmac({ payload: body, secret: 'k', signature: hex.toUpperCase() })).toBe(true);
    expect(verifyHmac({ payload: body, secret: 'k', signature: 'short' })).toBe(false);
  });
});
