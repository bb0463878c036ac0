// openRedis: connects before it resolves, fails startup on an unreachable Redis, and closes every connection
// it opened (duplicates included), once, however often close is called.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { openRedis } from './redis.js';
import { REDIS_URL } from './test-support.js';

test('resolves connected, and close ends the client and every duplicate', async () => {
  const redis = await openRedis(REDIS_URL, { prefix: 'weft_test_open:' });
  expect(redis.client.status).toBe('ready');
  expect(redis.prefix).toBe('weft_test_open:');
  const subscriber = redis.duplicate();
  await subscriber.subscribe('weft_test_open:nothing');
  expect(await redis.client.ping()).toBe('PONG');
  await redis.close();
  await redis.close();
  expect([redis.client.status, subscriber.status]).toEqual(['end', 'end']);
});

test('the prefix defaults to weft:', async () => {
  const redis = await openRedis(REDIS_URL);
  expect(redis.prefix).toBe('weft:');
  await redis.close();
});

test('rejects when nothing answers at the address, leaving no connection behind', async () => {
  // A port that was just free: connecting to it is refused.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  await expect(openRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(/ECONNREFUSED/);
});
