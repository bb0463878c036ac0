// Slack Web API calls: every method answers HTTP 200 with `{ ok: false, error }` when it fails, so the
// result is checked here and turned into a ConnectorError of the right kind (auth, notFound, ...).
import { ConnectorError, type ConnectorErrorKind, type HttpClient, type QueryValue } from '@weft/sdk';

export interface SlackResponse {
  ok: boolean;
  error?: string;
  needed?: string;
  warning?: string;
  response_metadata?: { next_cursor?: string; messages?: string[] };
}

const AUTH_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'ekm_access_denied',
]);
const NOT_FOUND_ERRORS = new Set(['channel_not_found', 'message_not_found', 'thread_not_found', 'user_not_found']);
const UPSTREAM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export type SlackCall =
  { method: string; json: Record<string, unknown> } | { method: string; query: Record<string, QueryValue> };

/** Calls a Web API method (`chat.postMessage`) with a JSON body (POST) or query parameters (GET). */
export async function callSlack<T extends SlackResponse>(http: HttpClient, call: SlackCall): Promise<T> {
  const response = await http.request<T>(
    'json' in call
      ? {
          method: 'POST',
          url: `/${call.method}`,
          json: call.json,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }
      : { method: 'GET', url: `/${call.method}`, query: call.query },
  );
  return slackResult(call.method, response.body);
}

/** The body of a Web API answer when it says `ok: true`; otherwise its `error` as a ConnectorError. */
export function slackResult<T extends SlackResponse>(method: string, body: T | null | undefined): T {
  if (body && typeof body === 'object' && body.ok === true) return body;
  const error = body && typeof body === 'object' && typeof body.error === 'string' ? body.error : 'unknown_error';
  throw slackError(method, error, body?.needed);
}

export function slackError(method: string, error: string, needed?: string): ConnectorError {
  const [kind, hint] = classify(error, needed);
  return new ConnectorError({
    kind,
    code: `slack_${error}`,
    message: `Slack ${method} failed: ${error}${hint}`,
    ...(UPSTREAM_ERRORS.has(error) ? { retryable: true } : {}),
    details: { slackError: error },
  });
}

function classify(error: string, needed: string | undefined): [ConnectorErrorKind, string] {
  if (error === 'missing_scope')
    return ['auth', `. The Slack app needs the ${needed ?? 'missing'} scope: add it and reinstall the app.`];
  if (AUTH_ERRORS.has(error)) return ['auth', '. Check or reconnect the Slack connection.'];
  if (error === 'not_in_channel')
    return ['validation', '. Invite the app to the channel (/invite @app) or add the chat:write.public scope.'];
  if (NOT_FOUND_ERRORS.has(error)) return ['notFound', ''];
  if (error === 'ratelimited') return ['rateLimited', ''];
  if (UPSTREAM_ERRORS.has(error)) return ['upstream', ''];
  return ['validation', ''];
}
