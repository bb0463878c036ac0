// Cron triggers (node-cron, with time zones). Every server process schedules every active cron flow; a fire at
// scheduled time T happens once across processes: the process that takes the trigger's lease in the database
// and finds `lastFiredAt < T` queues the run and records T, in one transaction. Missed fires while no process
// was up: `missed: "runOnce"` (default) queues one run at start-up, `"skip"` ignores them.
import type { FlowDefinition } from '@weft/core';
import type { Store } from '@weft/store';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { watchActiveFlows, type FlowWatch } from './flow-watch.js';

export const SCHEDULE_TRIGGER_KEY = 'schedule';
const LEASE_MS = 30_000;
/** How far back start-up looks for a missed fire (minutes). */
const MISSED_SCAN_MINUTES = 31 * 24 * 60;

export interface SchedulerOptions {
  store: Store;
  logger: Logger;
  owner: string;
  /** Called after runs were queued, to wake the worker. */
  onQueued: () => void;
}

interface CronConfig {
  cron: string;
  timezone: string;
  missed: 'runOnce' | 'skip';
}

export function cronConfigOf(flow: FlowDefinition): CronConfig | undefined {
  if (flow.trigger.connector !== 'schedule@1') return undefined;
  const config = flow.trigger.config ?? {};
  if (typeof config.cron !== 'string' || !cron.validate(config.cron)) return undefined;
  return {
    cron: config.cron,
    timezone: typeof config.timezone === 'string' ? config.timezone : 'UTC',
    missed: config.missed === 'skip' ? 'skip' : 'runOnce',
  };
}

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();
  private watch: FlowWatch | undefined;
  private readonly firing = new Map<string, Promise<boolean>>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Schedules every active flow with a cron trigger (handling missed fires) and follows later changes. */
  async start(resyncMs = 30_000): Promise<void> {
    this.watch = await watchActiveFlows(this.options.store, this.options.logger, (id) => this.refresh(id), resyncMs);
  }

  /** (Re)schedules one flow after it was published, activated, deactivated or deleted. */
  async refresh(flowId: string): Promise<void> {
    this.tasks.get(flowId)?.destroy();
    this.tasks.delete(flowId);
    const flow = await this.options.store.flows.get(flowId);
    if (!flow?.active || flow.activeVersion === undefined) return;
    const version = await this.options.store.flows.getVersion(flowId, flow.activeVersion);
    const config = version && cronConfigOf(version.definition);
    if (!config) return;
    const task = cron.schedule(config.cron, (context) => this.fire(flowId, context.date.getTime()), {
      timezone: config.timezone,
      name: `weft:${flowId}`,
      noOverlap: false,
    });
    this.tasks.set(flowId, task);
    if (config.missed === 'runOnce') await this.catchUp(flowId, task);
  }

  stop(): void {
    this.watch?.stop();
    for (const task of this.tasks.values()) task.destroy();
    this.tasks.clear();
  }

  /** Queues the run for scheduled time `at` unless some process already did. True when this call queued it. */
  async fire(flowId: string, at: number): Promise<boolean> {
    // The trigger lease is re-entrant for this process: keep two fires of one flow here from interleaving.
    const previous = this.firing.get(flowId) ?? Promise.resolve(false);
    const next = previous.then(() => this.fireLeased(flowId, at));
    this.firing.set(flowId, next);
    try {
      return await next;
    } finally {
      if (this.firing.get(flowId) === next) this.firing.delete(flowId);
    }
  }

  private async fireLeased(flowId: string, at: number): Promise<boolean> {
    const { store, owner, logger } = this.options;
    const key = { flowId, triggerKey: SCHEDULE_TRIGGER_KEY };
    try {
      if (!(await store.triggerState.acquireLease({ ...key, owner, leaseMs: LEASE_MS }))) return false;
      try {
        const fired = await store.transaction(async (tx) => {
          const state = await tx.triggerState.get(key);
          if (state?.lastFiredAt !== undefined && state.lastFiredAt >= at) return false;
          await tx.runs.create({ flowId, triggerKind: 'schedule', input: { scheduledAt: new Date(at).toISOString() } });
          return tx.triggerState.setCursor({ ...key, cursor: state?.cursor ?? null, lastFiredAt: at, owner });
        });
        if (fired) this.options.onQueued();
        return fired;
      } finally {
        await store.triggerState.releaseLease({ ...key, owner });
      }
    } catch (error) {
      logger.error({ err: error, flowId }, 'schedule fire failed');
      return false;
    }
  }

  /** Fires once for the latest scheduled time missed since the last fire. */
  private async catchUp(flowId: string, task: ScheduledTask): Promise<void> {
    const state = await this.options.store.triggerState.get({ flowId, triggerKey: SCHEDULE_TRIGGER_KEY });
    if (state?.lastFiredAt === undefined) return;
    const minute = 60_000;
    const now = Date.now();
    const from = Math.max(state.lastFiredAt + minute, now - MISSED_SCAN_MINUTES * minute);
    for (let t = Math.floor(now / minute) * minute; t >= from; t -= minute) {
      if (t < now && task.match(new Date(t))) {
        this.options.logger.info({ flowId, missed: new Date(t).toISOString() }, 'running a missed schedule once');
        await this.fire(flowId, t);
        return;
      }
    }
  }
}
