// Codes of user management and the audit log: users by id, the last-owner rule, invite and reset links,
// password changes and audit entries.
import type { ErrorEntry } from '../error-catalogue.js';

export const TEAM_ERRORS = {
  user_not_found: { fault: 'user', status: 404, title: 'There is no user with this id' },
  last_owner: {
    fault: 'user',
    status: 409,
    title: 'The last active owner cannot be demoted, deactivated or deleted',
  },
  invite_not_found: { fault: 'user', status: 404, title: 'There is no invite with this link or id' },
  invite_gone: { fault: 'user', status: 410, title: 'The invite was used, revoked or has expired' },
  password_reset_not_found: { fault: 'user', status: 404, title: 'There is no password reset with this link' },
  password_reset_gone: { fault: 'user', status: 410, title: 'The password reset link was used or has expired' },
  wrong_password: { fault: 'user', status: 403, title: 'The current password is not correct' },
  audit_entry_not_found: { fault: 'user', status: 404, title: 'There is no audit entry with this id' },
} as const satisfies Record<string, ErrorEntry>;
