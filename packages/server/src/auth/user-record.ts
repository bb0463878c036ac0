// A user as the API shows it (never the password hash).
import type { Reply } from '@weft/core/contract';
import type { UserRow } from '@weft/store';

export function userRecord(user: UserRow): Reply<'createUser'> {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    status: user.status,
    lastSignInAt: user.lastSignInAt === undefined ? null : new Date(user.lastSignInAt).toISOString(),
  };
}
