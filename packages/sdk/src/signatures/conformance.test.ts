// Webhook conformance: every variant runs through Weft's verifier and through the provider's official library
// (stripe, standardwebhooks, svix, @octokit/webhooks-methods, @slack/bolt; node:crypto for the built-in HMAC,
// which has no library). Verdicts must agree, except the deviations listed below with their reasons, which are
// asserted too (so a deviation that disappears is noticed) and documented in docs/webhook-verification.md.
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { verifySlackRequest } from '@slack/bolt';
import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  verifyGithubSignature,
  verifyHmac,
  verifySlackSignature,
  verifyStandardWebhook,
  verifyStripeSignature,
} from '../index.js';
import {
  githubVariants,
  hmacVariants,
  NOW,
  slackVariants,
  standardVariants,
  stripeVariants,
  type Variant,
} from '../test-support/webhook-variants.js';

interface Scheme {
  weft(v: Variant): boolean;
  oracle(v: Variant): boolean | Promise<boolean>;
  variants: Variant[];
}

interface Deviation {
  scheme: string;
  variant: string;
  weft: boolean;
  oracle: boolean;
  reason: string;
}

const FUTURE =
  'A signed timestamp more than 300 s ahead is refused: it would let a captured delivery be replayed until ' +
  'then. Only the provider can sign one, so this refuses nothing but clock errors.';
const BYTES =
  'Weft verifies the bytes received; the library first decodes them as UTF-8, turning every invalid byte into ' +
  'U+FFFD, so it accepts a body whose invalid bytes were swapped and refuses one signed over the bytes as sent.';

const DEVIATIONS: Deviation[] = [
  { scheme: 'stripe', variant: 'future: 301 s ahead', weft: false, oracle: true, reason: FUTURE },
  { scheme: 'stripe', variant: 'future: a day ahead', weft: false, oracle: true, reason: FUTURE },
  {
    scheme: 'stripe',
    variant: 't not a number (signed as NaN)',
    weft: false,
    oracle: true,
    reason: 'stripe-node reads t=abc as NaN, signs "NaN.<body>" and then skips the age check (NaN > 300 is false).',
  },
  { scheme: 'stripe', variant: 'invalid UTF-8, signed as sent', weft: true, oracle: false, reason: BYTES },
  { scheme: 'stripe', variant: 'invalid UTF-8 bytes swapped', weft: false, oracle: true, reason: BYTES },
  {
    scheme: 'standard-webhooks',
    variant: 'svix-* headers only',
    weft: true,
    oracle: false,
    reason: 'Svix senders (Clerk, Resend…) use svix-* names; Weft reads them after webhook-*. Same signature check.',
  },
  { scheme: 'standard-webhooks', variant: 'invalid UTF-8, signed as sent', weft: true, oracle: false, reason: BYTES },
  { scheme: 'standard-webhooks', variant: 'invalid UTF-8 bytes swapped', weft: false, oracle: true, reason: BYTES },
  { scheme: 'svix', variant: 'invalid UTF-8, signed as sent', weft: true, oracle: false, reason: BYTES },
  { scheme: 'svix', variant: 'invalid UTF-8 bytes swapped', weft: false, oracle: true, reason: BYTES },
  { scheme: 'slack', variant: 'future: 301 s ahead', weft: false, oracle: true, reason: FUTURE },
  { scheme: 'slack', variant: 'future: a day ahead', weft: false, oracle: true, reason: FUTURE },
  { scheme: 'slack', variant: 'timestamp in milliseconds', weft: false, oracle: true, reason: FUTURE },
];

const refused = async (check: () => unknown) => {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
};

const SCHEMES: Record<string, Scheme> = {
  stripe: {
    variants: stripeVariants(),
    weft: (v) =>
      verifyStripeSignature({
        payload: v.payload,
        header: v.headers['stripe-signature'],
        secret: v.secret,
        now: v.now,
      }),
    oracle: (v) =>
      refused(() =>
        Stripe.webhooks.signature!.verifyHeader(
          v.payload,
          v.headers['stripe-signature'] ?? '',
          v.secret,
          300,
          undefined,
          v.now,
        ),
      ),
  },
  'standard-webhooks': {
    variants: standardVariants('webhook'),
    weft: (v) => verifyStandardWebhook({ payload: v.payload, headers: v.headers, secret: v.secret, now: v.now }),
    oracle: (v) =>
      atTime(v.now, () =>
        refused(() => new StandardWebhook(v.secret).verify(v.payload, v.headers, { jsonParse: false })),
      ),
  },
  svix: {
    variants: standardVariants('svix'),
    weft: (v) =>
      verifyStandardWebhook({
        payload: v.payload,
        headers: v.headers,
        secret: v.secret,
        now: v.now,
        order: 'svix-first',
      }),
    oracle: (v) => atTime(v.now, () => refused(() => new SvixWebhook(v.secret).verify(v.payload, v.headers))),
  },
  github: {
    variants: githubVariants(),
    weft: (v) =>
      verifyGithubSignature({ payload: v.payload, header: v.headers['x-hub-signature-256'], secret: v.secret }),
    oracle: async (v) => {
      try {
        return await octokitVerify(v.secret, v.payload.toString(), v.headers['x-hub-signature-256']!);
      } catch {
        return false; // it throws for an empty secret, body or signature
      }
    },
  },
  slack: {
    variants: slackVariants(),
    weft: (v) =>
      verifySlackSignature({
        payload: v.payload,
        signature: v.headers['x-slack-signature'],
        timestamp: v.headers['x-slack-request-timestamp'],
        secret: v.secret,
        now: v.now,
      }),
    // As bolt's own HTTP receiver calls it: the timestamp header through Number().
    oracle: (v) =>
      refused(() =>
        verifySlackRequest({
          signingSecret: v.secret,
          body: v.payload.toString(),
          headers: {
            'x-slack-signature': v.headers['x-slack-signature']!,
            'x-slack-request-timestamp': Number(v.headers['x-slack-request-timestamp']),
          },
          nowMilliseconds: v.now,
        }),
      ),
  },
  hmac: {
    variants: hmacVariants(),
    weft: (v) =>
      verifyHmac({
        payload: v.payload,
        secret: v.secret,
        signature: v.headers['x-signature'],
        prefix: v.hmac?.prefix ?? 'sha256=',
        algorithm: v.hmac?.algorithm ?? 'sha256',
        encoding: v.hmac?.encoding ?? 'hex',
      }),
    // The documented rule, computed with node:crypto: exact prefix, the digest compared exactly except that hex
    // may be in either case, surrounding spaces ignored, an empty secret verifies nothing.
    oracle: (v) => {
      const { prefix = 'sha256=', algorithm = 'sha256', encoding = 'hex' } = v.hmac ?? {};
      const header = v.headers['x-signature']?.trim();
      if (header === undefined || v.secret === '' || !header.startsWith(prefix)) return false;
      const digest = createHmac(algorithm, v.secret).update(v.payload).digest(encoding);
      const given = header.slice(prefix.length);
      return encoding === 'hex' ? given.toLowerCase() === digest : given === digest;
    },
  },
};

/** standardwebhooks and svix read the clock themselves: a fake Date gives them the variant's `now`. */
function atTime<T>(now: number, check: () => T): T {
  vi.setSystemTime(now);
  return check();
}
beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
afterAll(() => void vi.useRealTimers());

describe.each(Object.entries(SCHEMES))(
  '%s: Weft agrees with the official verifier',
  (scheme, { variants, weft, oracle }) => {
    test('at least 20 variants with distinct names', () => {
      expect(variants.length).toBeGreaterThanOrEqual(20);
      expect(new Set(variants.map((v) => v.name)).size).toBe(variants.length);
    });
    test.each(variants.map((v) => [v.name, v] as const))('%s', async (name, variant) => {
      const deviation = DEVIATIONS.find((d) => d.scheme === scheme && d.variant === name);
      const verdicts = { weft: weft(variant), oracle: await oracle(variant) };
      if (deviation) expect(verdicts).toEqual({ weft: deviation.weft, oracle: deviation.oracle });
      else {
        expect(verdicts.weft).toBe(verdicts.oracle);
        if (variant.expect !== undefined) expect(verdicts.weft).toBe(variant.expect);
      }
    });
  },
);

test('every listed deviation names a variant that exists', () => {
  for (const { scheme, variant } of DEVIATIONS) {
    expect(
      SCHEMES[scheme]?.variants.some((v) => v.name === variant),
      `${scheme}: ${variant}`,
    ).toBe(true);
  }
});
