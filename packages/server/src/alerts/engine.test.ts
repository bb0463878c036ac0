// The alert engine on fakes: each rule kind fires once per subject while its condition holds and resolves once
// when it stops holding or its rule is disabled; delivery failures are logged, not fatal.
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { RejectionLog } from '../metrics/rejections.js';
import { memoryAlertBook } from './book.js';
import { AlertEngine, type AlertNotice } from './engine.js';
import { DEFAULT_ALERT_RULES } from './rules.js';
import { AlertSignals } from './signals.js';

function setup() {
  let now = Date.parse('2026-05-01T00:00:00Z');
  const clock = () => now;
  const signals = new AlertSignals(clock);
  const rejections = new RejectionLog(clock);
  const connections: { id: string; name: string; connector: string; status: string }[] = [];
  const delivered: AlertNotice[] = [];
  const engine = new AlertEngine({
    signals,
    rejections,
    connections: async () => connections,
    deliver: async (notice) => {
      delivered.push(notice);
      if (notice.subject === 'explodes') throw new Error('delivery down');
    },
    rules: DEFAULT_ALERT_RULES,
    logger: pino({ level: 'silent' }),
    now: clock,
  });
  const states = () => delivered.map((n) => `${n.state} ${n.ruleId} ${n.subject}`);
  return { engine, signals, rejections, connections, states, advance: (ms: number) => (now += ms) };
}

const request = (status: number) => ({
  connector: 'github',
  action: 'x',
  credentialId: undefined,
  outcome: status,
  durationMs: 1,
});

it('fires and resolves each kind once per subject', async () => {
  const { engine, signals, rejections, connections, states, advance } = setup();
  for (let i = 0; i < 11; i++) rejections.record('f1', 'bad_signature', 401);
  for (let i = 0; i < 11; i++) signals.request(request(502));
  signals.request({ ...request(503), connector: 'stripe' });
  for (let i = 0; i < 20; i++)
    signals.runEvent('f1', {
      type: 'step.finished',
      runId: 'r',
      key: 'k',
      nodeId: 'n',
      status: 'succeeded',
      attempt: 1,
      durationMs: i < 18 ? 100 : 9000,
      at: 0,
    });
  for (let i = 0; i < 5; i++)
    signals.runEvent('f2', {
      type: 'run.finished',
      runId: `r${i}`,
      status: i === 0 ? 'failed' : 'succeeded',
      durationMs: 1,
      at: 0,
    });
  connections.push({ id: 'cred_1', name: 'GitHub main', connector: 'github', status: 'needs_reconnect' });
  await engine.evaluate();
  await engine.evaluate();
  expect(states().sort()).toEqual([
    'firing connection-needs-reconnect cred_1',
    'firing flow-success-rate f2',
    'firing step-latency-p95 weft',
    'firing upstream-5xx github',
    'firing webhook-verification-failures weft',
  ]);
  connections[0]!.status = 'active';
  advance(61 * 60_000);
  await engine.evaluate();
  await engine.evaluate();
  expect(
    states()
      .filter((s) => s.startsWith('resolved'))
      .sort(),
  ).toEqual([
    'resolved connection-needs-reconnect cred_1',
    'resolved flow-success-rate f2',
    'resolved step-latency-p95 weft',
    'resolved upstream-5xx github',
    'resolved webhook-verification-failures weft',
  ]);
  expect(await engine.firing()).toEqual([]);
  expect(await engine.recent(3)).toHaveLength(3);
});

it('resolves the alerts of a disabled rule, and survives a failing delivery', async () => {
  const { engine, connections, states } = setup();
  connections.push({ id: 'explodes', name: 'x', connector: 'github', status: 'needs_reconnect' });
  await engine.evaluate();
  expect(await engine.firing()).toHaveLength(1);
  await engine.setRules((await engine.ruleSet()).map((rule) => ({ ...rule, enabled: false })));
  await engine.evaluate();
  expect(states()).toEqual([
    'firing connection-needs-reconnect explodes',
    'resolved connection-needs-reconnect explodes',
  ]);
});

it('does not fire again after a restart for an alert still open, and keeps edited rules', async () => {
  const book = memoryAlertBook();
  const connections = [{ id: 'cred_9', name: 'n', connector: 'github', status: 'needs_reconnect' }];
  const delivered: string[] = [];
  const engineOn = () =>
    new AlertEngine({
      signals: new AlertSignals(() => 0),
      rejections: new RejectionLog(() => 0),
      connections: async () => connections,
      deliver: async (notice) => void delivered.push(notice.state),
      rules: DEFAULT_ALERT_RULES,
      book,
      logger: pino({ level: 'silent' }),
      now: () => 0,
    });
  const first = engineOn();
  await first.evaluate();
  await first.setRules((await first.ruleSet()).filter((rule) => rule.kind === 'connection_needs_reconnect'));
  const second = engineOn();
  await second.evaluate();
  expect(delivered).toEqual(['firing']);
  expect((await second.ruleSet()).map((rule) => rule.id)).toEqual(['connection-needs-reconnect']);
  connections[0]!.status = 'active';
  await second.evaluate();
  expect(delivered).toEqual(['firing', 'resolved']);
});
