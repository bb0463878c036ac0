// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, compared exactly as
// @octokit/webhooks-methods does (lower-case prefix and hex, no spaces); an empty body or secret is refused.
import { hmac, payloadLength, safeEqual, type Payload } from './compare.js';

export function verifyGithubSignature(options: {
  payload: Payload;
  header: string | undefined;
  secret: string;
}): boolean {
  const { header, secret, payload } = options;
  if (typeof header !== 'string' || header === '' || secret === '' || payloadLength(payload) === 0) return false;
  return safeEqual(header, `sha256=${hmac('sha256', secret, [payload]).toString('hex')}`);
}
