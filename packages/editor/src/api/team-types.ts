// Shapes of the team management API as the editor reads them, named from the contract (@weft/core/contract).
import type { Reply } from '@weft/core/contract';

export type UserRecord = Reply<'listUsers'>['items'][number];
export type Invite = Reply<'listInvites'>['items'][number];
export type CreatedInvite = Reply<'createInvite'>;
export type PasswordResetLink = Reply<'createPasswordReset'>;
export type ApiToken = Reply<'listTokens'>['items'][number];
export type CreatedToken = Reply<'createToken'>;
export type AuditEntry = Reply<'getAuditEntry'>;
export type AuditPage = Reply<'listAudit'>;
