// Standard Webhooks (and Svix): headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (or `svix-*`);
// the signature header lists space-separated `v1,<base64>` entries; the secret is `whsec_<base64 key>`; the
// signed content is `<id>.<timestamp>.<raw body>` (HMAC-SHA256).
import { DEFAULT_TOLERANCE_SECONDS, hmac, safeEqual, withinTolerance, type Payload } from './compare.js';

export interface VerifyStandardWebhookOptions {
  payload: Payload;
  /** Lower-case header names; `webhook-*` or `svix-*`. */
  headers: Readonly<Record<string, string | undefined>>;
  /** `whsec_...` (base64 key), or several during a secret rotation. */
  secret: string | readonly string[];
  toleranceSeconds?: number;
  now?: number;
}

export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function verifyStandardWebhook(options: VerifyStandardWebhookOptions): boolean {
  const header = (name: string) => options.headers[`webhook-${name}`] ?? options.headers[`svix-${name}`];
  const id = header('id');
  const timestamp = header('timestamp');
  const signatureHeader = header('signature');
  if (!id || !timestamp || !signatureHeader || !/^\d+$/.test(timestamp)) return false;
  if (
    !withinTolerance(
      Number(timestamp),
      options.now ?? Date.now(),
      options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    )
  ) {
    return false;
  }
  const received = signatureHeader
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value !== undefined)
    .map(([, value]) => value!);
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  let matched = false;
  for (const secret of secrets) {
    const expected = hmac('sha256', standardWebhookKey(secret), [`${id}.${timestamp}.`, options.payload]).toString(
      'base64',
    );
    for (const signature of received) matched = safeEqual(signature, expected) || matched;
  }
  return matched;
}
