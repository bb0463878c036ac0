// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
import type { Payload } from './compare.js';
import { verifyHmac } from './hmac.js';

export function verifyGithubSignature(options: {
  payload: Payload;
  header: string | undefined;
  secret: string;
}): boolean {
  return verifyHmac({ payload: options.payload, secret: options.secret, signature: options.header, prefix: 'sha256=' });
}
