// Slack: `X-Slack-Signature: v0=<hex>` over `v0:<X-Slack-Request-Timestamp>:<raw body>` (HMAC-SHA256 with the
// signing secret); timestamps older than the tolerance are refused (replays).
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
  const { signature, timestamp } = options;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d+$/.test(timestamp)) return false;
  if (
    !withinTolerance(
      Number(timestamp),
      options.now ?? Date.now(),
      options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    )
  ) {
    return false;
  }
  const expected = `v0=${hmac('sha256', options.secret, [`v0:${timestamp}:`, options.payload]).toString('hex')}`;
  return safeEqual(signature.trim().toLowerCase(), expected);
}
