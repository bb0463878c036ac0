// The outbound policy for database connections is the runtime's, handed over as `ctx.outbound` (the SSRF guard
// `ctx.http` applies): no loopback, private, link-local (cloud metadata) or other internal addresses unless the
// operator's outbound allow-list names them (Unix socket directories such as `/var/run/postgresql` may be listed
// too). The connector never reads the allow-list from the environment: the server's option decides. Host names
// are resolved, checked and connected to in one step (the guard's lookup), so DNS rebinding cannot slip between
// check and connect.
import { ConnectorError, type OutboundGuard } from '@weft/sdk';
import { isIP, Socket } from 'node:net';

function blocked(target: string, reason: string): ConnectorError {
  return new ConnectorError({
    kind: 'network',
    code: 'connector_address_blocked',
    retryable: false,
    message:
      `Refused to connect to ${target}: ${reason} addresses are blocked for outbound connections. ` +
      'An administrator can allow it with the outbound allow-list (WEFT_OUTBOUND_ALLOW).',
    details: { host: target, reason },
  });
}

/**
 * A socket factory for pg's `stream` option: pg calls `connect(port, host)` (or `connect(path)` for a Unix
 * socket), and the connect goes through the runtime's outbound guard.
 */
export function guardedSocketFactory(outbound: OutboundGuard): () => Socket {
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
          if (!outbound.allowsSocket(portOrPath)) return refuse(blocked(directory, 'Unix socket'));
          return connect({ path: portOrPath });
        }
        const port = Number(portOrPath);
        const name = (host ?? 'localhost').replace(/^\[|\]$/g, '');
        if (isIP(name)) {
          const decision = outbound.checkAddress(name);
          if (!decision.allowed) return refuse(blocked(name, decision.reason ?? 'not allowed'));
          return connect({ port, host: name });
        }
        return connect({ port, host: name, lookup: outbound.lookup });
      },
    });
    return socket;
  };
}
