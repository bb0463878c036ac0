import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { startFakeSlack, type FakeSlack } from '../test-support/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
const defaults = { types: ['public_channel' as const], excludeArchived: true, limit: 1000 };

test('follows next_cursor across pages, pacing requests by the declared rate limit', async () => {
  const clock = createFakeClock();
  const before = slack.api.requests.length;
  const { output, logs } = await runAction(connector, 'listChannels', {
    credentials: { accessToken: 'xoxb-test-token' },
    baseUrl: slack.baseUrl,
    clock,
    input: { ...defaults, types: ['public_channel', 'private_channel'] },
  });
  expect(output.channels.map((c) => c.name)).toEqual(['general', 'billing', 'support', 'random', 'alerts']);
  expect(output.channels[1]).toEqual({
    id: 'C02',
    name: 'billing',
    isPrivate: false,
    isArchived: false,
    isMember: true,
    numMembers: 11,
    topic: 'Money matters',
  });
  expect(output.nextCursor).toBeNull();
  const pages = slack.api.requests.slice(before);
  expect(pages.map((r) => r.query.cursor)).toEqual([undefined, expect.any(String), expect.any(String)]);
  expect(pages[0]!.query).toEqual({ types: 'public_channel,private_channel', exclude_archived: 'true', limit: '200' });
  // One request per second per workspace: the second and third page waited on the (fake) clock.
  expect(logs.filter((l) => l.message.includes('rate limit'))).toHaveLength(2);
});

test('stops at the limit and hands back a cursor to continue from', async () => {
  const options = { credentials: { accessToken: 'xoxb-test-token' }, baseUrl: slack.baseUrl, clock: createFakeClock() };
  const { output } = await runAction(connector, 'listChannels', { ...options, input: { ...defaults, limit: 2 } });
  expect(output.channels.map((c) => c.id)).toEqual(['C01', 'C02']);
  expect(output.nextCursor).toEqual(expect.any(String));
  const { output: rest } = await runAction(connector, 'listChannels', {
    ...options,
    input: { ...defaults, cursor: output.nextCursor! },
  });
  expect(rest.channels.map((c) => c.id)).toEqual(['C04', 'C05']);
});
