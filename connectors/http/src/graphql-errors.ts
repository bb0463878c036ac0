// GraphQL answers with `errors` (often with HTTP 200): turned into step errors a user can act on.
// Request errors (the document did not parse or validate, bad variables) are `validation`; auth codes are
// `auth`; errors while executing are `upstream`, retryable unless the operation is a mutation, which may
// have partly happened.
import { ConnectorError, type ConnectorErrorKind, type ConnectorErrorOptions } from '@weft/sdk';

type JsonObject = NonNullable<ConnectorErrorOptions['details']>;

export interface GraphqlError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']);
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'UNAUTHORIZED']);

export function graphqlError(options: {
  errors: GraphqlError[];
  /** Whether the response had a `data` entry (even null): without one, execution never started. */
  executed: boolean;
  status: number;
  isMutation: boolean;
  host: string;
}): ConnectorError {
  const { errors, executed, status, isMutation, host } = options;
  const codes = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : undefined));
  let kind: ConnectorErrorKind = 'upstream';
  if (codes.some((c) => c !== undefined && AUTH_CODES.has(c)) || status === 401 || status === 403) kind = 'auth';
  else if (!executed || codes.some((c) => c !== undefined && REQUEST_CODES.has(c))) kind = 'validation';
  const messages = errors.slice(0, 3).map(describe);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  const details: JsonObject = {
    errors: errors.slice(0, 20).map((e) => JSON.parse(JSON.stringify(e)) as JsonObject),
  };
  return new ConnectorError({
    kind,
    message: `GraphQL error from ${host}: ${messages.join('; ')}${more}`,
    ...(status >= 400 ? { status } : {}),
    ...(kind === 'upstream' ? { retryable: !isMutation && (status === 200 || status >= 500) } : {}),
    details,
  });
}

function describe(error: GraphqlError): string {
  const message = typeof error.message === 'string' ? error.message : 'unknown error';
  const path = Array.isArray(error.path) && error.path.length > 0 ? ` (at ${error.path.join('.')})` : '';
  return `${message}${path}`;
}

/** Whether the operation that will run is a mutation (the named one, or the document's only operation). */
export function isMutation(query: string, operationName?: string): boolean {
  const source = query.replace(/#[^\n\r]*/g, '').replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\])*"/g, '""');
  const operations = [...source.matchAll(/(?:^|[\s}])(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/g)];
  if (operations.length === 0) return false; // `{ ... }` shorthand is a query
  const chosen = operationName ? operations.find((m) => m[2] === operationName) : operations[0];
  return chosen?.[1] === 'mutation';
}
