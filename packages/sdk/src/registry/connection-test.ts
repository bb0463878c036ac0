// "Test connection" asks the provider itself: the connector's declared cheapest authenticated request, made with
// the connection's credentials, and what the provider answered — so a Stripe key of `hello` fails, in words.
import type { ConnectorDefinition } from '../define/connector.js';
import { ConnectorError } from '../errors.js';
import { SecretSet } from '../redact.js';
import type { SharedRuntime } from './runtime.js';
import { openStepScope } from './step-scope.js';

export interface ConnectionTestResult {
  ok: boolean;
  /** The provider's HTTP status, when it answered. */
  status?: number;
  message: string;
}

/** The provider's own words from an error body (`error.message`, `message`, `error`), when it gave any. */
function providerWords(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (error && typeof error === 'object') {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  if (typeof record.message === 'string') return record.message;
  if (typeof error === 'string') return error;
  return undefined;
}

export async function testConnection(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  credentialId: string,
): Promise<ConnectionTestResult | undefined> {
  const test = connector.test;
  if (!test) return undefined;
  const secrets = new SecretSet();
  const title = connector.title;
  try {
    const scope = await openStepScope(
      runtime,
      { connector, credentialId, log: () => undefined, signal: undefined, retry: false },
      secrets,
    );
    const response = await scope.http.request({ method: test.method, url: test.path, throwHttpErrors: false });
    const words = providerWords(response.body);
    const said = words ? `: ${secrets.redact(words)}` : '';
    if (response.status >= 400)
      return { ok: false, status: response.status, message: `${title} refused it (HTTP ${response.status})${said}` };
    const field = test.okField;
    if (field && response.body && typeof response.body === 'object') {
      if ((response.body as Record<string, unknown>)[field] === false)
        return { ok: false, status: response.status, message: `${title} refused it${said}` };
    }
    return { ok: true, status: response.status, message: `${title} accepted the connection.` };
  } catch (error) {
    const message = error instanceof ConnectorError || error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${title} could not be asked: ${secrets.redact(message)}` };
  }
}
