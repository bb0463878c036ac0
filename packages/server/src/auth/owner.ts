// First start: create the owner account (from WEFT_OWNER_EMAIL / WEFT_OWNER_PASSWORD, or generated and
// reported once) and make WEFT_API_TOKEN, when given, an owner API token for automation.
import type { Store } from '@weft/store';
import { randomBytes } from 'node:crypto';
import { digest } from './credentials-of-callers.js';
import { hashPassword } from './passwords.js';

export interface OwnerSetup {
  /** Present only when the owner was created just now with a generated password. */
  generated?: { email: string; password: string };
}

export async function ensureOwner(
  store: Store,
  env: { email?: string; password?: string; apiToken?: string },
): Promise<OwnerSetup> {
  const setup: OwnerSetup = {};
  if ((await store.accounts.countUsers()) === 0) {
    const email = env.email ?? 'owner@localhost';
    const password = env.password ?? randomBytes(12).toString('base64url');
    await store.accounts.createUser({ email, passwordHash: await hashPassword(password), role: 'owner' });
    if (!env.password) setup.generated = { email, password };
  }
  if (env.apiToken && !(await store.accounts.useApiToken(digest(env.apiToken)))) {
    const owner = await store.accounts.firstWithRole('owner');
    if (!owner) throw new Error('there is no owner account to attach WEFT_API_TOKEN to');
    await store.accounts.createApiToken({
      userId: owner.id,
      name: 'WEFT_API_TOKEN',
      tokenHash: digest(env.apiToken),
      role: 'owner',
    });
  }
  return setup;
}
