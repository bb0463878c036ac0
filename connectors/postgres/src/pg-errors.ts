// PostgreSQL and connection failures as ConnectorErrors, by SQLSTATE class: what the user must fix
// (validation, auth) is not retried; what may pass (serialization failures, deadlocks, shutdowns,
// connection drops) is.
import { ConnectorError, isConnectorError } from '@weft/sdk';

interface PgLikeError {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  table?: string;
  column?: string;
  constraint?: string;
  position?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

export function toConnectorError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  const e = (error ?? {}) as PgLikeError;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || /timeout expired|Connection terminated|connect ETIMEDOUT/i.test(message)) {
    return new ConnectorError({
      kind: /timeout/i.test(message) ? 'timeout' : 'network',
      message: `Could not reach the PostgreSQL server: ${message}`,
      details: { errorCode: code || 'connection' },
    });
  }
  if (!/^[0-9A-Z]{5}$/.test(code)) {
    return new ConnectorError({ kind: 'upstream', retryable: false, message: `PostgreSQL: ${message}` });
  }
  const extra = [e.detail, e.hint && `Hint: ${e.hint}`].filter(Boolean).join(' ');
  const details = {
    sqlState: code,
    ...(e.table ? { table: e.table } : {}),
    ...(e.column ? { column: e.column } : {}),
    ...(e.constraint ? { constraint: e.constraint } : {}),
    ...(e.position ? { position: Number(e.position) } : {}),
  };
  const text = `PostgreSQL ${code}: ${message}${extra ? `. ${extra}` : ''}`;
  const cls = code.slice(0, 2);
  if (cls === '28') return new ConnectorError({ kind: 'auth', message: text, details });
  if (code === '42501') return new ConnectorError({ kind: 'auth', message: text, details }); // insufficient_privilege
  if (code === '57014') return new ConnectorError({ kind: 'timeout', message: text, details }); // statement timeout
  if (code === '40001' || code === '40P01' || code === '55P03')
    return new ConnectorError({ kind: 'upstream', retryable: true, message: text, details });
  if (cls === '08' || cls === '53' || cls === '57' || cls === '58')
    return new ConnectorError({ kind: 'upstream', retryable: true, message: text, details });
  if (['22', '23', '42', '3D', '3F', '21', '2B', '0A'].includes(cls))
    return new ConnectorError({ kind: 'validation', message: text, details });
  return new ConnectorError({ kind: 'upstream', retryable: false, message: text, details });
}
