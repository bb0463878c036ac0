// Slack: `X-Slack-Signature: v0=<hex>` over `v0:<X-Slack-Request-Timestamp>:<raw body>` (HMAC-SHA256 with the
// signing secret), checked as @slack/bolt's HTTP receiver does: the timestamp header is read with Number() and
// signed as that number, `v0` and the lower-case hex digest must match exactly. One check is stricter than bolt's
// (see docs/webhook-verification.md): a timestamp more than the tolerance ahead is refused (bolt has no bound).
import { DEFAULT_TOLERANCE_SECONDS, hmac, safeEqual, withinTolerance, type Payload } from './compare.js';

export interface VerifySlackOptions {
  payload: Payload;
  /** X-Slack-Signature */
  signature: string | undefined;
  /** X-Slack-Request-Timestamp (seconds) */
  timestamp: string | undefined;
  secret: string;
  toleranceSeconds?: number;
  now?: number;
}

export function verifySlackSignature(options: VerifySlackOptions): boolean {
  const { signature, timestamp, secret } = options;
  if (secret === '' || typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  // Number(''), the empty header, is 0: too old like any other. Fractions and NaN fail withinTolerance.
  const seconds = Number(timestamp);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!withinTolerance(seconds, options.now ?? Date.now(), tolerance)) return false;
  const [version, digest] = signature.split('=');
  if (version !== 'v0' || !digest) return false;
  const expected = hmac('sha256', secret, [`v0:${seconds}:`, options.payload]).toString('hex');
  return safeEqual(digest, expected);
}
