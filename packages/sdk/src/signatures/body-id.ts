// The delivery id of a signature scheme that signs only the body (GitHub, a plain HMAC): no id header is covered
// by the signature, so an attacker could replay a captured delivery under a fresh id header. The body itself is
// what the signature covers, so its digest is the one id a replay cannot change.
import { createHash } from 'node:crypto';
import type { Payload } from './compare.js';

export function signedBodyId(payload: Payload): string {
  return `body-sha256:${createHash('sha256').update(payload).digest('hex')}`;
}
