// Alert evaluation: every interval, each enabled rule is checked per subject (a flow, a connector, a
// connection, or the whole process). A condition that starts to hold fires once; when it stops holding (or its
// rule is disabled or removed) it resolves once. Both are recorded in the history (the book: the store, so that
// edited rules and open alerts survive a restart) and delivered (delivery.ts). The signals are per process.
import type { Logger } from 'pino';
import { memoryAlertBook, type AlertBook } from './book.js';
import type { RejectionLog } from '../metrics/rejections.js';
import type { AlertRule } from './rules.js';
import type { AlertSignals } from './signals.js';

export interface AlertNotice {
  ruleId: string;
  kind: AlertRule['kind'];
  /** What the condition is about: a flow id, a connector, a connection id, or `weft` for the process. */
  subject: string;
  state: 'firing' | 'resolved';
  value: number;
  threshold: number;
  message: string;
  at: string;
}

interface Condition {
  rule: AlertRule;
  subject: string;
  value: number;
  message: string;
}

export interface AlertEngineOptions {
  signals: AlertSignals;
  rejections: RejectionLog;
  /** Connections as the store has them (for connection_needs_reconnect). */
  connections: () => Promise<{ id: string; name: string; connector: string; status: string }[]>;
  deliver: (notice: AlertNotice) => Promise<void>;
  /** The rules until some are saved (the defaults). */
  rules: readonly AlertRule[];
  /** Default: in memory. */
  book?: AlertBook;
  logger: Logger;
  now: () => number;
}

export class AlertEngine {
  private rules: AlertRule[];
  private readonly active = new Map<string, AlertNotice>();
  private readonly book: AlertBook;
  private loaded: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: AlertEngineOptions) {
    this.rules = options.rules.map((rule) => ({ ...rule }));
    this.book = options.book ?? memoryAlertBook();
  }

  /** Reads the saved rules and the alerts still open from the book (once; evaluate and the readers wait for it). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const saved = await this.book.rules();
      if (saved) this.rules = saved;
      for (const notice of await this.book.firing()) this.active.set(`${notice.ruleId}|${notice.subject}`, notice);
    })();
    return this.loaded;
  }

  async ruleSet(): Promise<AlertRule[]> {
    await this.load();
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Replaces the rules (saved); conditions of removed or disabled rules resolve at the next evaluation. */
  async setRules(rules: readonly AlertRule[]): Promise<void> {
    await this.load();
    await this.book.saveRules(rules);
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  async firing(): Promise<AlertNotice[]> {
    await this.load();
    return [...this.active.values()];
  }

  recent(limit = 100): Promise<AlertNotice[]> {
    return this.book.history(limit);
  }

  start(intervalMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.evaluate(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One evaluation now (or the one in progress). */
  evaluate(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    let holding: Condition[];
    try {
      await this.load();
      holding = await this.conditions();
    } catch (err) {
      this.options.logger.warn({ err }, 'alert evaluation failed; the next one tries again');
      return;
    }
    const seen = new Set<string>();
    for (const condition of holding) {
      const key = `${condition.rule.id}|${condition.subject}`;
      seen.add(key);
      if (this.active.has(key)) continue;
      const notice = this.notice(condition, 'firing');
      this.active.set(key, notice);
      await this.record(notice);
    }
    for (const [key, fired] of [...this.active]) {
      if (seen.has(key)) continue;
      this.active.delete(key);
      await this.record({
        ...fired,
        state: 'resolved',
        message: `Resolved: ${fired.message}`,
        at: new Date(this.options.now()).toISOString(),
      });
    }
  }

  private notice(condition: Condition, state: AlertNotice['state']): AlertNotice {
    return {
      ruleId: condition.rule.id,
      kind: condition.rule.kind,
      subject: condition.subject,
      state,
      value: condition.value,
      threshold: condition.rule.threshold,
      message: condition.message,
      at: new Date(this.options.now()).toISOString(),
    };
  }

  private async record(notice: AlertNotice): Promise<void> {
    try {
      await this.book.record(notice);
    } catch (err) {
      this.options.logger.warn({ err, alert: notice.ruleId }, 'recording an alert failed');
    }
    const log = notice.state === 'firing' ? this.options.logger.warn : this.options.logger.info;
    log.call(
      this.options.logger,
      { alert: notice.ruleId, subject: notice.subject, value: notice.value },
      notice.message,
    );
    try {
      await this.options.deliver(notice);
    } catch (err) {
      this.options.logger.warn({ err, alert: notice.ruleId }, 'alert delivery failed');
    }
  }

  private async conditions(): Promise<Condition[]> {
    const { signals } = this.options;
    const found: Condition[] = [];
    for (const rule of this.rules) {
      if (!rule.enabled) continue;
      const minutes = Math.round(rule.windowMs / 60_000);
      switch (rule.kind) {
        case 'flow_success_rate':
          for (const [flowId, { ok, total }] of signals.flowOutcomes(rule.windowMs)) {
            const rate = ok / total;
            if (total >= (rule.minRuns ?? 1) && rate < rule.threshold)
              found.push({
                rule,
                subject: flowId,
                value: rate,
                message: `Flow ${flowId} succeeded in ${(rate * 100).toFixed(1)}% of ${total} runs over ${minutes} min (below ${rule.threshold * 100}%)`,
              });
          }
          break;
        case 'step_latency_p95': {
          const p95 = signals.stepP95(rule.windowMs);
          if (p95 !== undefined && p95 > rule.threshold)
            found.push({
              rule,
              subject: 'weft',
              value: p95,
              message: `Step latency p95 is ${p95} ms over ${minutes} min (above ${rule.threshold} ms)`,
            });
          break;
        }
        case 'webhook_verification_failures': {
          const from = this.options.now() - rule.windowMs;
          const failures = this.options.rejections
            .list()
            .filter((r) => r.status === 401 && Date.parse(r.at) >= from).length;
          if (failures > rule.threshold)
            found.push({
              rule,
              subject: 'weft',
              value: failures,
              message: `${failures} webhook deliveries failed verification over ${minutes} min (more than ${rule.threshold})`,
            });
          break;
        }
        case 'upstream_5xx':
          for (const [connector, count] of signals.upstream5xx(rule.windowMs))
            if (count > rule.threshold)
              found.push({
                rule,
                subject: connector,
                value: count,
                message: `${connector} answered ${count} times with a 5xx over ${minutes} min (more than ${rule.threshold})`,
              });
          break;
        case 'connection_needs_reconnect':
          for (const connection of await this.options.connections())
            if (connection.status === 'needs_reconnect')
              found.push({
                rule,
                subject: connection.id,
                value: 1,
                message: `The ${connection.connector} connection "${connection.name}" needs to be reconnected`,
              });
          break;
      }
    }
    return found;
  }
}
