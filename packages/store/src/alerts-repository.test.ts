// Alert rules and history on both databases: rules saved in order (an empty set differs from never saved), the
// history newest first, and the alerts still open (latest notice of each rule and subject is `firing`).
import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore } from './test-support.js';

const notice = (ruleId: string, subject: string, state: string) => ({
  ruleId,
  subject,
  state,
  message: `${state} ${subject}`,
});

describe.each(DIALECTS)('alerts on %s', (dialect) => {
  test('keeps rules as saved, and an empty set apart from never saved', async () => {
    const { store } = await openTestStore(dialect);
    expect(await store.alerts.rules()).toBeUndefined();
    const rules = [
      { id: 'b', kind: 'upstream_5xx', threshold: 3 },
      { id: 'a', kind: 'step_latency_p95', threshold: 100 },
    ];
    await store.alerts.saveRules(rules);
    expect(await store.alerts.rules()).toEqual(rules);
    await store.alerts.saveRules([]);
    expect(await store.alerts.rules()).toEqual([]);
  });

  test('records notices, newest first, and knows which alerts are still open', async () => {
    const { store } = await openTestStore(dialect);
    await store.alerts.record(notice('r1', 'f1', 'firing'), 1);
    await store.alerts.record(notice('r1', 'f2', 'firing'), 2);
    await store.alerts.record(notice('r1', 'f1', 'resolved'), 3);
    await store.alerts.record(notice('r2', 'weft', 'firing'), 4);
    expect((await store.alerts.history(2)).map((n) => n.message)).toEqual(['firing weft', 'resolved f1']);
    expect((await store.alerts.firing()).map((n) => `${String(n.ruleId)} ${String(n.subject)}`)).toEqual([
      'r1 f2',
      'r2 weft',
    ]);
  });
});
