// TLS material for a connection, as content only. pg (through pg-connection-string) reads `sslrootcert`,
// `sslcert` and `sslkey` from the connection string as local file paths, so anyone who may edit a connection
// could make the server open any file and learn from the error whether it exists. Those parameters are taken
// out before pg sees the string; a value that is PEM content is used, a path is refused. PEM content may also
// sit in the connection's own fields `sslRootCert`, `sslCert`, `sslKey`.
import { ConnectorError, type ConnectionAccess } from '@weft/sdk';

const PARAMS = { sslrootcert: 'ca', sslcert: 'cert', sslkey: 'key' } as const;
const FIELDS = { sslRootCert: 'ca', sslCert: 'cert', sslKey: 'key' } as const;
type Part = (typeof PARAMS)[keyof typeof PARAMS];

export interface TlsMaterial {
  /** The connection string without certificate parameters. */
  connectionString: string;
  pem: Partial<Record<Part, string>>;
}

const isPem = (value: string) => /^\s*-----BEGIN [A-Z0-9 ]+-----/.test(value);

function refused(where: string): ConnectorError {
  return new ConnectorError({
    kind: 'validation',
    code: 'connector_tls_file_refused',
    retryable: false,
    message:
      `The PostgreSQL connection's ${where} is not PEM content. File paths on the Weft server are not ` +
      'accepted: paste the certificate or key itself ("-----BEGIN ...") into the connection\'s sslRootCert, ' +
      'sslCert or sslKey field.',
  });
}

export function takeTlsMaterial(connectionString: string, auth: ConnectionAccess): TlsMaterial {
  const pem: TlsMaterial['pem'] = {};
  for (const [field, part] of Object.entries(FIELDS)) {
    const value = auth.reveal(field);
    if (value === undefined || value.trim() === '') continue;
    if (!isPem(value)) throw refused(`${field} field`);
    pem[part] = value;
  }
  const query = connectionString.indexOf('?');
  if (query === -1 || connectionString.startsWith('/')) return { connectionString, pem };
  const hash = connectionString.indexOf('#', query);
  const end = hash === -1 ? connectionString.length : hash;
  const kept: string[] = [];
  for (const segment of connectionString.slice(query + 1, end).split('&')) {
    const [entry] = new URLSearchParams(segment);
    const part = entry && (PARAMS as Record<string, Part | undefined>)[entry[0]];
    if (!entry || !part) {
      kept.push(segment);
      continue;
    }
    if (!isPem(entry[1])) throw refused(`${entry[0]} parameter`);
    pem[part] ??= entry[1];
  }
  const rest = `${connectionString.slice(0, query)}${kept.length ? `?${kept.join('&')}` : ''}`;
  const stripped = rest + connectionString.slice(end);
  // Whatever pg would still read as a path (an unusual spelling of the parameter) is refused too.
  for (const name of Object.keys(PARAMS)) if (pgQuery(stripped).has(name)) throw refused(`${name} parameter`);
  return { connectionString: stripped, pem };
}

/** The query parameters as pg-connection-string reads them (same normalisation and dummy-host retry). */
function pgQuery(text: string): URLSearchParams {
  let str = text;
  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) str = encodeURI(str).replace(/%25(\d\d)/g, '%$1');
  try {
    return new URL(str, 'postgres://base').searchParams;
  } catch {
    try {
      return new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base').searchParams;
    } catch {
      return new URLSearchParams();
    }
  }
}
