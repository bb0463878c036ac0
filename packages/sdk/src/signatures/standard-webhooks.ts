// Standard Webhooks (and Svix): headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (or `svix-*`);
// the signature header lists space-separated `v1,<base64>` entries; the secret is `whsec_<base64 key>`; the
// signed content is `<id>.<timestamp>.<raw body>` (HMAC-SHA256). Headers are read as the official libraries read
// them: `standardwebhooks` takes `webhook-*` (Weft falls back to `svix-*`), `svix` takes `svix-*` before
// `webhook-*`. The id a delivery is deduplicated on must be `standardWebhookHeaders(...).id` with the same
// order: that is the id the signature covers, whatever other id headers the request carries.
import {
  DEFAULT_TOLERANCE_SECONDS,
  hmac,
  leadingInteger,
  safeEqual,
  withinTolerance,
  type Payload,
} from './compare.js';

/** Which header family wins when a request carries both. */
export type StandardWebhookHeaderOrder = 'webhook-first' | 'svix-first';

export interface StandardWebhookHeaders {
  id?: string;
  timestamp?: string;
  signature?: string;
}

export interface VerifyStandardWebhookOptions {
  payload: Payload;
  /** Lower-case header names; `webhook-*` or `svix-*`. */
  headers: Readonly<Record<string, string | undefined>>;
  /** `whsec_...` (base64 key), or several during a secret rotation. */
  secret: string | readonly string[];
  /** Default `webhook-first` (the specification); Svix's own library reads `svix-first`. */
  order?: StandardWebhookHeaderOrder;
  toleranceSeconds?: number;
  now?: number;
}

export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** The id, timestamp and signature headers a verifier with this order reads. */
export function standardWebhookHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  order: StandardWebhookHeaderOrder = 'webhook-first',
): StandardWebhookHeaders {
  const [first, second] = order === 'webhook-first' ? ['webhook', 'svix'] : ['svix', 'webhook'];
  const read = (name: string) => headers[`${first}-${name}`] ?? headers[`${second}-${name}`];
  const out: StandardWebhookHeaders = {};
  const id = read('id');
  const timestamp = read('timestamp');
  const signature = read('signature');
  if (id !== undefined) out.id = id;
  if (timestamp !== undefined) out.timestamp = timestamp;
  if (signature !== undefined) out.signature = signature;
  return out;
}

export function verifyStandardWebhook(options: VerifyStandardWebhookOptions): boolean {
  const { id, timestamp: timestampHeader, signature } = standardWebhookHeaders(options.headers, options.order);
  if (!id || !timestampHeader || !signature) return false;
  const timestamp = leadingInteger(timestampHeader);
  if (timestamp === undefined) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!withinTolerance(timestamp, options.now ?? Date.now(), tolerance)) return false;
  const received = signature
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value !== undefined)
    .map(([, value]) => value!);
  const secrets = (typeof options.secret === 'string' ? [options.secret] : options.secret).filter(
    (secret) => standardWebhookKey(secret).length > 0,
  );
  let matched = false;
  for (const secret of secrets) {
    const expected = hmac('sha256', standardWebhookKey(secret), [`${id}.${timestamp}.`, options.payload]).toString(
      'base64',
    );
    for (const value of received) matched = safeEqual(value, expected) || matched;
  }
  return matched;
}
