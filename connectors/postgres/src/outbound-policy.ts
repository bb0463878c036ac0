// The outbound policy for database connections, the same as `ctx.http`'s SSRF guard: no loopback, private,
// link-local (cloud metadata) or other internal addresses unless the operator allows them in
// WEFT_OUTBOUND_ALLOW (comma-separated CIDRs, addresses or host names, e.g. `10.0.0.0/8,db.internal`; Unix
// socket directories such as `/var/run/postgresql` may be listed too). Host names are resolved, checked and
// connected to in one step (the guard's lookup), so DNS rebinding cannot slip between check and connect.
import { ConnectorError, createSsrfGuard, type SsrfGuard } from '@weft/sdk';
import { isIP, Socket } from 'node:net';

export const ALLOW_ENV = 'WEFT_OUTBOUND_ALLOW';

export function allowListFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[ALLOW_ENV] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function blocked(target: string, reason: string): ConnectorError {
  return new ConnectorError({
    kind: 'network',
    code: 'connector_address_blocked',
    retryable: false,
    message:
      `Refused to connect to ${target}: ${reason} addresses are blocked for outbound connections. ` +
      `An administrator can allow it with the outbound allow-list (${ALLOW_ENV}).`,
    details: { host: target, reason },
  });
}

/**
 * A socket factory for pg's `stream` option: pg calls `connect(port, host)` (or `connect(path)` for a Unix
 * socket), and the connect goes through the policy.
 */
export function guardedSocketFactory(allow: readonly string[] = allowListFromEnv()): () => Socket {
  const guard: SsrfGuard = createSsrfGuard({ allow });
  return () => {
    const socket = new Socket();
    const connect = socket.connect.bind(socket) as (options: object) => Socket;
    const refuse = (error: ConnectorError) => {
      process.nextTick(() => socket.destroy(error));
      return socket;
    };
    Object.defineProperty(socket, 'connect', {
      value: (portOrPath: number | string, host?: string): Socket => {
        if (typeof portOrPath === 'string' && host === undefined) {
          const directory = portOrPath.replace(/\/\.s\.PGSQL\.\d+$/, '');
          if (!allow.includes(directory) && !allow.includes(portOrPath))
            return refuse(blocked(directory, 'Unix socket'));
          return connect({ path: portOrPath });
        }
        const port = Number(portOrPath);
        const name = (host ?? 'localhost').replace(/^\[|\]$/g, '');
        if (isIP(name)) {
          const decision = guard.checkAddress(name);
          if (!decision.allowed) return refuse(blocked(name, decision.reason ?? 'not allowed'));
          return connect({ port, host: name });
        }
        return connect({ port, host: name, lookup: guard.lookup });
      },
    });
    return socket;
  };
}
