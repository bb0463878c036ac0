// PKCE (RFC 7636) with S256, and the random `state` values.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters, within the 43–128 the RFC allows. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function createState(): string {
  return randomBytes(32).toString('base64url');
}
