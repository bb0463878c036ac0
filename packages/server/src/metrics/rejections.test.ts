// The rejected-webhook list stays bounded: the oldest entries go first.
import { expect, it } from 'vitest';
import { RejectionLog } from './rejections.js';

it('keeps only the newest entries beyond its bound, newest first', () => {
  let now = 0;
  const log = new RejectionLog(() => now, 3);
  for (const flow of ['a', 'b', 'c', 'd', 'e']) {
    now += 1000;
    log.record(flow, 'bad_signature', 401);
  }
  expect(log.list().map((r) => r.flowId)).toEqual(['e', 'd', 'c']);
  expect(log.list({ limit: 1 })).toEqual([
    { flowId: 'e', reason: 'bad_signature', status: 401, at: '1970-01-01T00:00:05.000Z' },
  ]);
});
