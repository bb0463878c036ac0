import { describe, expect, test } from 'vitest';
import { blockedReason, embeddedIpv4, formatIp, inRange, parseCidr, parseIp } from './ip-address.js';

describe('IP addresses', () => {
  test('parses IPv4, IPv6, embedded IPv4 and zone ids', () => {
    expect([...parseIp('10.1.2.3')!]).toEqual([10, 1, 2, 3]);
    expect(formatIp(parseIp('::1')!)).toBe('::1');
    expect(formatIp(parseIp('[fe80::1%eth0]')!)).toBe('fe80::1');
    expect(formatIp(parseIp('::ffff:127.0.0.1')!)).toBe('::ffff:7f00:1');
    expect(formatIp(parseIp('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
    expect(formatIp(parseIp('1:2:3:4:5:6:7:8')!)).toBe('1:2:3:4:5:6:7:8');
    expect(parseIp('example.com')).toBeUndefined();
    expect(parseIp('256.1.1.1')).toBeUndefined();
  });

  test('matches CIDR ranges', () => {
    expect(inRange(parseIp('172.31.255.255')!, parseCidr('172.16.0.0/12')!)).toBe(true);
    expect(inRange(parseIp('172.32.0.0')!, parseCidr('172.16.0.0/12')!)).toBe(false);
    expect(inRange(parseIp('fd12::1')!, parseCidr('fc00::/7')!)).toBe(true);
    expect(inRange(parseIp('10.0.0.1')!, parseCidr('fc00::/7')!)).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  test('finds IPv4 inside IPv6 forms', () => {
    expect([...embeddedIpv4(parseIp('::ffff:169.254.169.254')!)!]).toEqual([169, 254, 169, 254]);
    expect([...embeddedIpv4(parseIp('64:ff9b::10.0.0.1')!)!]).toEqual([10, 0, 0, 1]);
    expect([...embeddedIpv4(parseIp('2002:c0a8:0101::1')!)!]).toEqual([192, 168, 1, 1]);
    expect(embeddedIpv4(parseIp('::1')!)).toBeUndefined();
    expect(blockedReason(parseIp('::ffff:8.8.8.8')!)).toBeUndefined();
    expect(blockedReason(parseIp('::ffff:127.0.0.1')!)).toBe('loopback, IPv4 inside IPv6');
  });
});
