// SSRF guard: outbound requests may not reach loopback, private, link-local (cloud metadata), unspecified,
// multicast or reserved addresses — in any IPv4-in-IPv6 disguise. The check runs at connect time on the
// address the socket will connect to (resolved once, checked, then connected to as is, so DNS rebinding cannot
// slip past), on IP literals before any connect, and on every redirect hop. Self-hosters open holes with an allow-list of CIDRs or host names.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { buildConnector } from 'undici';
import { ConnectorError } from '../errors.js';
import { blockedReason, formatIp, inRange, parseCidr, parseIp, type IpRange } from './ip-address.js';

export type LookupOptions = { family?: number | string; all?: boolean; hints?: number };
export type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
/** `dns.lookup`-compatible (what `net.connect` accepts as `lookup`). */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

export interface SsrfGuardOptions {
  /** CIDRs (`10.1.0.0/16`), addresses (`::1`) or host names (`api.internal`, `*.corp.example`) always allowed. */
  allow?: readonly string[];
  /** Refuse everything not in `allow` (the testing kit uses it so tests never leave the machine). */
  allowOnly?: boolean;
  /** DNS resolution (default `dns.lookup`); tests stub it. */
  lookup?: LookupFunction;
}

export interface AddressDecision {
  allowed: boolean;
  address: string;
  reason?: string;
}

export interface SsrfGuard {
  /** Whether `address` may be connected to (when reached through `hostname`, if given). */
  checkAddress(address: string, hostname?: string): AddressDecision;
  /** Throws a ConnectorError for URLs that can be refused before any connection (scheme, IP literal host). */
  assertUrl(url: URL): void;
  /** A guarded `lookup` for `net.connect`: resolves, then refuses when any resolved address is blocked. */
  readonly lookup: LookupFunction;
  /** An undici connector: refuses blocked IP literals, resolves names through the guarded `lookup` and connects
   * to the checked address, then re-checks the connected socket. `connect` replaces the socket factory (tests). */
  connector(options?: {
    timeout?: number;
    ca?: string | readonly string[];
    connect?: buildConnector.connector;
  }): buildConnector.connector;
}

export function blockedAddressError(host: string, decision: AddressDecision): ConnectorError {
  const target = host === decision.address ? host : `${host} (${decision.address})`;
  return new ConnectorError({
    kind: 'network',
    code: 'connector_address_blocked',
    retryable: false,
    message:
      `Refused to connect to ${target}: ${decision.reason ?? 'not allowed'} addresses are blocked for outbound ` +
      'requests. An administrator can allow it with the outbound allow-list (WEFT_OUTBOUND_ALLOW).',
    details: { host, address: decision.address, reason: decision.reason ?? 'not allowed' },
  });
}

export function createSsrfGuard(options: SsrfGuardOptions = {}): SsrfGuard {
  const ranges: IpRange[] = [];
  const hosts: string[] = [];
  for (const entry of options.allow ?? []) {
    const cidr = parseCidr(entry);
    if (cidr) ranges.push(cidr);
    else hosts.push(entry.toLowerCase().replace(/\.$/, ''));
  }
  const baseLookup = options.lookup ?? (dnsLookup as unknown as LookupFunction);

  const hostAllowed = (hostname: string | undefined): boolean => {
    if (hostname === undefined) return false;
    const name = hostname.toLowerCase().replace(/\.$/, '');
    return hosts.some((h) => (h.startsWith('*.') ? name.endsWith(h.slice(1)) : name === h));
  };

  const checkAddress = (address: string, hostname?: string): AddressDecision => {
    const bytes = parseIp(address);
    if (!bytes) return { allowed: false, address, reason: 'unparseable' };
    const shown = formatIp(bytes);
    if (hostAllowed(hostname) || ranges.some((r) => inRange(bytes, r))) return { allowed: true, address: shown };
    if (options.allowOnly) return { allowed: false, address: shown, reason: 'not allow-listed' };
    const reason = blockedReason(bytes);
    return reason === undefined ? { allowed: true, address: shown } : { allowed: false, address: shown, reason };
  };

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const opts: LookupOptions = typeof lookupOptions === 'object' && lookupOptions !== null ? lookupOptions : {};
    baseLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = (
        Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]
      ) as LookupAddress[];
      if (list.length === 0)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      for (const entry of list) {
        const decision = checkAddress(entry.address, hostname);
        // Refuse the name when any address is blocked: a mix is how rebinding attacks hedge their bets.
        if (!decision.allowed)
          return callback(blockedAddressError(hostname, decision) as unknown as NodeJS.ErrnoException, []);
      }
      if (opts.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };

  const assertUrl = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConnectorError({
        kind: 'validation',
        code: 'connector_url_scheme',
        message: `Only http and https URLs can be requested (got "${url.protocol}")`,
      });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const decision = checkAddress(host);
      if (!decision.allowed) throw blockedAddressError(host, decision);
    }
  };

  const connector: SsrfGuard['connector'] = ({ timeout, ca, connect } = {}) => {
    const base =
      connect ??
      buildConnector({
        timeout: timeout ?? 10_000,
        lookup,
        ...(ca ? { ca: [...(typeof ca === 'string' ? [ca] : ca)] } : {}),
      } as buildConnector.BuildOptions);
    const finish =
      (host: string, callback: buildConnector.Callback): buildConnector.Callback =>
      (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('connect failed'), null);
        // Belt and braces: whatever happened on the way, the peer we reached must be allowed too.
        const remote = (socket as Socket).remoteAddress;
        const decision = remote === undefined ? undefined : checkAddress(remote, isIP(host) ? undefined : host);
        if (decision && !decision.allowed) {
          socket.destroy();
          return callback(blockedAddressError(host, decision), null);
        }
        callback(null, socket);
      };
    return (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) {
        const decision = checkAddress(host);
        if (!decision.allowed) return callback(blockedAddressError(host, decision), null);
        return base(connectOptions, finish(host, callback));
      }
      // Resolve and check here, then connect to exactly the checked address (the name stays the TLS server
      // name and the Host header): nothing can resolve differently between the check and the connect.
      lookup(host, { all: true }, (error, addresses) => {
        const first = Array.isArray(addresses) ? addresses[0] : undefined;
        if (error || !first) return callback(error ?? new Error(`no address for ${host}`), null);
        base(
          { ...connectOptions, hostname: first.address, servername: connectOptions.servername ?? host },
          finish(host, callback),
        );
      });
    };
  };

  return { checkAddress, assertUrl, lookup, connector };
}
