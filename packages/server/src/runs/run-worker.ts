// Executes queued runs from the persisted queue with bounded concurrency. Each claimed run holds a lease that
// is renewed while it executes; a run whose worker died (lease expired) is taken over and resumed from its
// journal, so a restart loses nothing. Every recovery is logged (lease taken over, step resumed, run left for
// another worker at shutdown) with run, flow and worker ids — never the run's data.
import {
  executeFlow,
  WeftError,
  type ActionResolver,
  type FlowDefinition,
  type MappingSandbox,
  type SubflowRunner,
} from '@weft/core';
import type { RunRow, Store } from '@weft/store';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RunEventBus } from './event-bus.js';

export interface RunWorkerOptions {
  store: Store;
  sandbox: MappingSandbox;
  bus: RunEventBus;
  logger: Logger;
  actions?: ActionResolver;
  subflows?: SubflowRunner;
  /** Runs executing at once in this process (default 8). */
  concurrency?: number;
  /** Lease length in ms (default 30 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to look for work when not woken (default 1 s). */
  pollMs?: number;
  workerId?: string;
}

export class RunWorker {
  readonly workerId: string;
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private running = false;
  private reserved = 0;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: RunWorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.claimLoop();
  }

  /** Looks for work now (called when a run was just queued). */
  wake(): void {
    // A wake-up that arrives while the loop is busy claiming must not be lost: it re-checks before sleeping.
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Reserves a slot for a run this process creates itself (a webhook it just received): the run is then inserted
   * already claimed by this worker and handed over with `adopt`, skipping the queue. Undefined when full.
   */
  reserve(): { workerId: string; leaseMs: number } | undefined {
    if (!this.running || this.inFlight.size + this.reserved >= this.concurrency) return undefined;
    this.reserved++;
    return { workerId: this.workerId, leaseMs: this.leaseMs };
  }

  /** Executes a run created under `reserve()`; `run` undefined gives the slot back (e.g. a duplicate delivery). */
  adopt(run: RunRow | undefined, flow?: FlowDefinition): void {
    this.reserved--;
    if (run) this.execute(run, flow);
  }

  /** Aborts a run executing in this process; true when it was here. */
  abort(runId: string): boolean {
    const entry = this.inFlight.get(runId);
    entry?.controller.abort(new Error('cancelled'));
    return entry !== undefined;
  }

  /**
   * Stops claiming, waits up to `graceMs` for in-flight runs, then interrupts the rest. Interrupted runs stay
   * `running` with their journal; their lease expires and the next worker resumes them.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    const all = Promise.all([...this.inFlight.values()].map((e) => e.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const entry of this.inFlight.values()) entry.controller.abort(new Error('shutdown'));
      await all;
    }
  }

  private get concurrency(): number {
    return this.options.concurrency ?? 8;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 30_000;
  }

  private async claimLoop(): Promise<void> {
    const { store, logger } = this.options;
    while (this.running) {
      let claimed: RunRow[] = [];
      const free = this.concurrency - this.inFlight.size - this.reserved;
      if (free > 0) {
        this.woken = false;
        // The slots being claimed for are held meanwhile, so a webhook arriving during the claim cannot take
        // one too (that ran more than `concurrency` runs at once, and more were interrupted by a crash).
        this.reserved += free;
        try {
          const claim = { workerId: this.workerId, leaseMs: this.leaseMs };
          claimed = await store.runs.claimQueued({ ...claim, limit: free });
          if (claimed.length === 0) {
            const expired = await store.runs.claimExpired(claim);
            if (expired) {
              const { takenOverFrom, ...run } = expired;
              logger.warn(
                {
                  runId: run.id,
                  flowId: run.flowId,
                  workerId: this.workerId,
                  previousWorker: takenOverFrom.workerId,
                  leaseExpiredAt:
                    takenOverFrom.leaseUntil === undefined
                      ? undefined
                      : new Date(takenOverFrom.leaseUntil).toISOString(),
                  reason: 'lease expired',
                },
                'lease taken over: resuming a run whose worker stopped',
              );
              claimed = [run];
            }
          }
        } catch (error) {
          logger.error({ err: error }, 'claiming runs failed');
        } finally {
          this.reserved -= free;
        }
      }
      if (claimed.length) {
        for (const run of claimed) this.execute(run);
        continue;
      }
      if (this.woken && this.inFlight.size < this.concurrency) {
        this.woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** `known` is the run's flow version when the caller has it at hand (and the run is brand new). */
  private execute(run: RunRow, known?: FlowDefinition): void {
    const controller = new AbortController();
    const done = this.executeRun(run, controller, known).finally(() => {
      this.inFlight.delete(run.id);
      this.wake();
    });
    this.inFlight.set(run.id, { controller, done });
  }

  private async executeRun(run: RunRow, controller: AbortController, known: FlowDefinition | undefined): Promise<void> {
    const { store, bus, logger } = this.options;
    const renew = setInterval(
      () => {
        store.runs
          .renewLease({ runId: run.id, workerId: this.workerId, leaseMs: this.leaseMs })
          .then((held) => {
            if (!held) controller.abort(new Error('lease lost or run cancelled'));
          })
          .catch((err: unknown) => logger.warn({ err, runId: run.id }, 'lease renewal failed'));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    try {
      const flow =
        known ??
        (run.flowVersion === undefined
          ? (await store.flows.get(run.flowId))?.definition
          : (await store.flows.getVersion(run.flowId, run.flowVersion))?.definition);
      if (!flow) {
        await store.runs.finish({
          runId: run.id,
          status: 'failed',
          error: { code: 'flow_missing', message: 'the flow of this run no longer exists' },
          workerId: this.workerId,
        });
        return;
      }
      const outcome = await executeFlow({
        flow,
        runId: run.id,
        input: run.input ?? null,
        sandbox: this.options.sandbox,
        journal: store.journal,
        signal: controller.signal,
        fresh: known !== undefined,
        onEvent: (event) => {
          if (event.type === 'step.resumed') {
            logger.warn(
              {
                runId: run.id,
                flowId: run.flowId,
                stepKey: event.key,
                nodeId: event.nodeId,
                attempt: event.attempt,
                previousAttempt: event.previousAttempt,
              },
              'step resumed after interruption',
            );
          }
          bus.publish(run.flowId, event);
        },
        ...(this.options.actions ? { actions: this.options.actions } : {}),
        ...(this.options.subflows ? { subflows: this.options.subflows } : {}),
      });
      const reason = controller.signal.reason as Error | undefined;
      if (outcome.status === 'cancelled' && reason && reason.message !== 'cancelled') {
        logger.warn(
          { runId: run.id, flowId: run.flowId, workerId: this.workerId, reason: reason.message },
          'run interrupted; another worker resumes it once the lease expires',
        );
        return;
      }
      const finished: Parameters<Store['runs']['finish']>[0] = {
        runId: run.id,
        status: outcome.status,
        output: outcome.output,
        workerId: this.workerId,
      };
      if (outcome.error) finished.error = outcome.error;
      await store.runs.finish(finished);
      logger.info({ runId: run.id, flowId: run.flowId, status: outcome.status }, 'run finished');
    } catch (error) {
      logger.error({ err: error, runId: run.id, flowId: run.flowId }, 'run crashed');
      // A coded error (payload_lost, payload_too_large for the run's output) says what happened; others do not.
      const known = error instanceof WeftError && error.code !== 'internal';
      await store.runs
        .finish({
          runId: run.id,
          status: 'failed',
          error: known
            ? { code: error.code, message: error.message, fault: error.fault }
            : { code: 'internal', message: 'the run stopped on an internal error' },
          workerId: this.workerId,
        })
        .catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }
}
