// IP addresses as bytes, CIDR ranges and the special-purpose ranges an outbound request must never reach.
import { isIP } from 'node:net';

export interface IpRange {
  bytes: Uint8Array;
  prefix: number;
}

/** Parses an IPv4 or IPv6 literal (brackets and zone ids allowed) to 4 or 16 bytes. */
export function parseIp(text: string): Uint8Array | undefined {
  let address = text.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  address = address.replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return Uint8Array.from(address.split('.').map(Number));
  if (version === 6) return parseIpv6(address);
  return undefined;
}

function parseIpv6(address: string): Uint8Array {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parts = text.split('::');
  const left = parts[0] ? parts[0].split(':') : [];
  const right = parts.length > 1 && parts[1] ? parts[1].split(':') : [];
  const fill = parts.length > 1 ? 8 - left.length - right.length : 0;
  const words = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return [...bytes].join('.');
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i]! << 8) | bytes[i + 1]!);
  // Compress the longest run of two or more zero words into `::`.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address (full-length prefix). */
export function parseCidr(text: string): IpRange | undefined {
  const [address, prefixText] = text.split('/');
  const bytes = parseIp(address ?? '');
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { bytes, prefix };
}

export function inRange(address: Uint8Array, range: IpRange): boolean {
  if (address.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

/** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4, IPv4-compatible), if any. */
export function embeddedIpv4(address: Uint8Array): Uint8Array | undefined {
  if (address.length !== 16) return undefined;
  if (inRange(address, MAPPED) || inRange(address, NAT64) || inRange(address, COMPATIBLE)) {
    const v4 = address.slice(12);
    // `::` and `::1` are IPv6 addresses of their own, not IPv4-compatible ones.
    if (inRange(address, COMPATIBLE) && v4[0] === 0 && v4[1] === 0 && v4[2] === 0) return undefined;
    return v4;
  }
  if (inRange(address, SIX_TO_FOUR)) return address.slice(2, 6);
  return undefined;
}

const range = (cidr: string): IpRange => parseCidr(cidr)!;
const MAPPED = range('::ffff:0:0/96');
const NAT64 = range('64:ff9b::/96');
const COMPATIBLE = range('::/96');
const SIX_TO_FOUR = range('2002::/16');

/** Ranges refused by default, each with the reason shown to users. */
export const BLOCKED_RANGES: readonly { range: IpRange; reason: string }[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'discard'],
  ['2001:db8::/32', 'documentation'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
].map(([cidr, reason]) => ({ range: range(cidr!), reason: reason! }));

/** Why an address must not be reached, or undefined when it is a public address. */
export function blockedReason(address: Uint8Array): string | undefined {
  const v4 = embeddedIpv4(address);
  if (v4) {
    const inner = blockedReason(v4);
    return inner === undefined ? undefined : `${inner}, IPv4 inside IPv6`;
  }
  return BLOCKED_RANGES.find((entry) => inRange(address, entry.range))?.reason;
}
