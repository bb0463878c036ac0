// What each route writes to the audit log: every route that changes something (every non-GET route, and the
// OAuth and single sign-on callbacks, which store a credential or sign someone in) names its action here, or says why it records nothing. The type
// makes the list complete: a new write route does not compile until it is classified. The server writes the
// entry in one place (its route wrapper), exactly one per request, success or failure.
import type { Api, RouteName } from './routes.js';

export type AuditRule =
  /** The action of the entry; `failure` replaces it when the request fails (auth.sign_in_failed). */
  | { readonly action: string; readonly failure?: string }
  /** Records nothing, for this reason. */
  | { readonly exempt: string };

type WriteRoute = { [N in RouteName]: Api[N]['method'] extends 'get' ? never : N }[RouteName];

export const AUDIT_RULES: { readonly [N in WriteRoute | 'oauthCallback' | 'oidcCallback']: AuditRule } = {
  webhook: { exempt: 'A delivery starts a run: run history records it (and refusals are counted as rejections)' },
  login: { action: 'auth.sign_in', failure: 'auth.sign_in_failed' },
  oidcCallback: { action: 'auth.sign_in', failure: 'auth.sign_in_failed' },
  logout: { action: 'auth.sign_out' },
  createToken: { action: 'token.create' },
  deleteToken: { action: 'token.delete' },
  createUser: { action: 'user.create' },
  createInvite: { action: 'user.invite' },
  revokeInvite: { action: 'user.invite_revoke' },
  acceptInvite: { action: 'user.invite_accept' },
  changeRole: { action: 'user.role_change' },
  deactivateUser: { action: 'user.deactivate' },
  reactivateUser: { action: 'user.reactivate' },
  deleteUser: { action: 'user.delete' },
  createPasswordReset: { action: 'user.password_reset' },
  resetPassword: { action: 'user.password_reset_complete' },
  changePassword: { action: 'user.password_change' },
  createFlow: { action: 'flow.create' },
  validateDefinition: { exempt: 'Validation changes nothing' },
  saveFlow: { action: 'flow.update' },
  deleteFlow: { action: 'flow.delete' },
  validateFlow: { exempt: 'Validation changes nothing' },
  publishFlow: { action: 'flow.publish' },
  restoreVersion: { action: 'flow.restore' },
  activateFlow: { action: 'flow.activate' },
  deactivateFlow: { action: 'flow.deactivate' },
  testFlow: { action: 'flow.test' },
  testStep: { action: 'flow.test_step' },
  importFlows: { action: 'flow.import' },
  retryRun: { action: 'run.retry' },
  replayRun: { action: 'run.replay' },
  cancelRun: { action: 'run.cancel' },
  createCredential: { action: 'credential.create' },
  reconnectCredential: { action: 'credential.replace' },
  deleteCredential: { action: 'credential.delete' },
  testCredential: { action: 'credential.test' },
  oauthCallback: { action: 'credential.oauth_connect' },
  retentionPrune: { action: 'settings.retention_prune' },
  retryDeadLetters: { action: 'run.retry_dead_letters' },
  updateAlertRules: { action: 'settings.alert_rules' },
};

/** The rule of a route, by name (undefined: a read, which records nothing). */
export function auditRuleOf(name: RouteName): AuditRule | undefined {
  return (AUDIT_RULES as Partial<Record<RouteName, AuditRule>>)[name];
}
