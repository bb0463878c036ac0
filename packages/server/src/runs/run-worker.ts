// Executes runs with bounded concurrency. Runs come from three places: webhooks received by this process (stored
// already claimed by this worker, executed at once or kept in a bounded in-memory FIFO backlog until a slot
// frees; respond-mode runs of pure flows wait for their slot unstored and are written once, at their end), the
// persisted queue (claimed in batches when woken or polled), and runs whose worker died (leases
// expired: taken over on their own timer, never after every claim, and resumed from their journal).
// Every run this worker holds (executing or waiting in the backlog) is covered by its lease, renewed for all of
// them in one statement; if this process dies, another worker takes them over, so a restart loses nothing.
// Every recovery is logged (lease taken over, step resumed, run left for another worker at shutdown) with run,
// flow and worker ids — never the run's data.
import {
  executeFlow,
  WeftError,
  type ActionResolver,
  type FlowDefinition,
  type JsonValue,
  type MappingSandbox,
  type RunEvent,
  type RunJournal,
  type RunOutcome,
  type SubflowRunner,
} from '@weft/core';
import { newRunId, type JournalBuffer, type RunRow, type Store } from '@weft/store';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RunEventBus } from './event-bus.js';
import { isPureFlow } from './pure-flow.js';

export interface RunWorkerOptions {
  store: Store;
  sandbox: MappingSandbox;
  bus: RunEventBus;
  logger: Logger;
  actions?: ActionResolver;
  subflows?: SubflowRunner;
  /** Runs executing at once in this process (default 8). */
  concurrency?: number;
  /** Webhook runs of this process waiting for a slot at most (default 1000); ingress refuses more with 503. */
  maxBacklog?: number;
  /** Lease length in ms (default 30 s); renewed every third of it, expired ones looked for every half. */
  leaseMs?: number;
  /** How often to look for queued work when not woken (default 1 s). */
  pollMs?: number;
  workerId?: string;
  /** Published flow versions (immutable), e.g. a FlowCache; default: read from the store each time. */
  versions?: { getVersion(flowId: string, version: number): Promise<FlowDefinition | undefined> };
  /** What one run may hold of large lists, in bytes (default: the engine's, 64 MiB). */
  memoryBudgetBytes?: number;
  /** Hears each run taken over from a worker whose lease expired (metrics). */
  onTakeover?: (run: RunRow) => void;
}

/** What a webhook run is stored with when this worker takes it: claimed by this worker, under its lease. */
export interface Admission {
  workerId: string;
  leaseMs: number;
}

/** A run executed in memory (`runInMemory`): stored by the caller afterwards, in one write. */
export interface InMemoryRun {
  runId: string;
  startedAt: number;
  outcome: RunOutcome;
  journal: JournalBuffer;
}

interface Waiting {
  run: RunRow;
  flow: FlowDefinition;
  /** Arrival order, shared with the runs waiting in memory (the oldest of either starts first). */
  seq: number;
}

/** A pure run that holds a place but no slot yet: nothing of it is stored until it has run. */
interface WaitingInMemory {
  seq: number;
  start: (cancelled: boolean) => void;
}

export class RunWorker {
  readonly workerId: string;
  /** Runs executing; `leased` false for runs in memory, which are not stored yet (no lease to renew). */
  private readonly inFlight = new Map<
    string,
    { controller: AbortController; done: Promise<unknown>; leased: boolean }
  >();
  /** Runs done executing whose final write is not committed yet (they gave their slot back). */
  private readonly writing = new PendingWrites();
  /** Webhook runs stored as held by this worker, waiting for a slot, oldest first. */
  private readonly backlog = new Map<string, Waiting>();
  /** Pure runs admitted while every slot was busy, oldest first; each holds its place (counted in `admitted`). */
  private readonly waitingInMemory: WaitingInMemory[] = [];
  private arrivals = 0;
  private running = false;
  /** Webhook runs admitted and being stored (they take a slot or a backlog place when handed over). */
  private admitted = 0;
  /** Slots held by a claim in progress. */
  private claiming = 0;
  /** The queue may hold runs (woken, polled, or the last claim filled every free slot). */
  private queuedHint = false;
  /** Leases may have expired (recovery timer, start, or the last takeover filled every free slot). */
  private expiredHint = false;
  private signal: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** Polling and recovery: stopped first when the worker stops. */
  private timers: NodeJS.Timeout[] = [];
  /** Lease renewal: goes on while a stopping worker waits for its runs. */
  private renewal: NodeJS.Timeout | undefined;
  /** Hear every place (slot or backlog) given back: `ran` when a run left its slot (admission's drain rate). */
  private readonly placeListeners: ((ran: boolean) => void)[] = [];

  constructor(private readonly options: RunWorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.queuedHint = true;
    this.expiredHint = true;
    this.timers = [
      setInterval(() => this.wake(), this.options.pollMs ?? 1000),
      setInterval(() => this.recover(), Math.max(10, Math.floor(this.leaseMs / 2))),
    ];
    clearInterval(this.renewal);
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(10, Math.floor(this.leaseMs / 3)));
    for (const timer of [...this.timers, this.renewal]) timer.unref();
    this.loop = this.claimLoop();
  }

  /** Whether this process executes runs (a web-only process never started its worker). */
  get executing(): boolean {
    return this.running;
  }

  /** Runs executing in this process now, runs waiting in its backlog, and webhook runs admitted, being stored. */
  get load(): { executing: number; waiting: number; admitted: number } {
    return { executing: this.inFlight.size, waiting: this.backlog.size, admitted: this.admitted };
  }

  /** Slots and the largest backlog this worker was configured with. */
  get limits(): { concurrency: number; maxBacklog: number } {
    return { concurrency: this.concurrency, maxBacklog: this.maxBacklog };
  }

  /** Calls `listener` whenever a place frees (ingress admission wakes a waiting delivery and measures drain). */
  onPlaceFreed(listener: (ran: boolean) => void): void {
    this.placeListeners.push(listener);
  }

  /** Looks for queued work now (called when a run was just queued). */
  wake(): void {
    this.queuedHint = true;
    this.poke();
  }

  /** Looks for runs whose lease expired now (also done every half lease). */
  recover(): void {
    this.expiredHint = true;
    this.poke();
  }

  /**
   * Admits a webhook run into this process: the claim to store it with (it then executes here, at once or after
   * the backlog ahead of it), `full` when every slot and `maxWaiting` backlog places (at most the configured
   * backlog) are taken (refuse it before storing anything), or undefined when this process does not execute
   * runs (queue it for a worker). The place is held until `adopt()`.
   */
  admit(maxWaiting = this.maxBacklog): Admission | 'full' | undefined {
    if (!this.running) return undefined;
    if (this.saturated(maxWaiting)) return 'full';
    this.admitted++;
    return { workerId: this.workerId, leaseMs: this.leaseMs };
  }

  /** Every slot and `maxWaiting` backlog places are taken: `admit(maxWaiting)` would say `full`. */
  saturated(maxWaiting = this.maxBacklog): boolean {
    const limit = this.concurrency + Math.min(maxWaiting, this.maxBacklog);
    return this.running && this.inFlight.size + this.backlog.size + this.admitted >= limit;
  }

  /** Takes a run stored under `admit()`; `run` undefined gives the place back (a duplicate delivery, an error). */
  adopt(run: RunRow | undefined, flow: FlowDefinition): void {
    if (!run) return this.giveBack();
    this.admitted--;
    this.backlog.set(run.id, { run, flow, seq: this.arrivals++ });
    if (this.running) this.drain();
    else void this.releaseBacklog();
  }

  /** Gives back a place taken by `admit()` that no run took. */
  giveBack(): void {
    this.admitted--;
    this.poke();
    this.placeFreed(false);
  }

  /** Aborts a run executing or waiting in this process; true when it was here. */
  abort(runId: string): boolean {
    if (this.backlog.delete(runId)) {
      this.placeFreed(false);
      return true;
    }
    const entry = this.inFlight.get(runId);
    entry?.controller.abort(new Error('cancelled'));
    return entry !== undefined;
  }

  /**
   * Stops claiming, hands the backlog back to the queue, waits up to `graceMs` for in-flight runs, then
   * interrupts the rest. Interrupted runs stay `running` with their journal; their lease expires and the next
   * worker resumes them.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.poke();
    await this.loop;
    await this.releaseBacklog();
    // Runs in memory still waiting for a slot end cancelled: nothing is stored, their senders are told to retry.
    for (const waiting of this.waitingInMemory.splice(0)) waiting.start(true);
    const all = Promise.all([...[...this.inFlight.values()].map((e) => e.done), this.writing.settled()]);
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
    if (!this.running) {
      clearInterval(this.renewal);
      this.renewal = undefined;
    }
  }

  private budget(): { memoryBudgetBytes?: number } {
    const bytes = this.options.memoryBudgetBytes;
    return bytes === undefined ? {} : { memoryBudgetBytes: bytes };
  }

  private get concurrency(): number {
    return this.options.concurrency ?? 8;
  }

  private get maxBacklog(): number {
    return this.options.maxBacklog ?? 1000;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 30_000;
  }

  private placeFreed(ran: boolean): void {
    for (const listener of this.placeListeners) listener(ran);
  }

  private poke(): void {
    const signal = this.signal;
    this.signal = undefined;
    signal?.();
  }

  /** Waiting runs go back to the queue (another worker takes them now rather than when their lease expires). */
  private async releaseBacklog(): Promise<void> {
    const runIds = [...this.backlog.keys()];
    this.backlog.clear();
    if (runIds.length === 0) return;
    try {
      const released = await this.options.store.runs.release({ workerId: this.workerId, runIds });
      this.options.logger.info(
        { workerId: this.workerId, runs: released },
        'waiting runs put back in the queue for another worker at shutdown',
      );
    } catch (error) {
      this.options.logger.warn({ err: error, workerId: this.workerId }, 'waiting runs left to their leases');
    }
  }

  /** One statement renews the leases of every run this worker holds; a run it lost is stopped or dropped. */
  private async renewLeases(): Promise<void> {
    const { store, logger } = this.options;
    const leased = [...this.inFlight].filter(([, entry]) => entry.leased).map(([runId]) => runId);
    const runIds = [...leased, ...this.backlog.keys()];
    if (runIds.length === 0) return;
    let held: Set<string>;
    try {
      held = await store.runs.renewLeases({ workerId: this.workerId, runIds, leaseMs: this.leaseMs });
    } catch (err) {
      logger.warn({ err, workerId: this.workerId, runs: runIds.length }, 'lease renewal failed');
      return;
    }
    for (const runId of runIds) {
      if (held.has(runId)) continue;
      if (this.backlog.delete(runId)) this.placeFreed(false);
      this.inFlight.get(runId)?.controller.abort(new Error('lease lost or run cancelled'));
    }
  }

  private freeSlots(): number {
    return this.concurrency - this.inFlight.size - this.claiming - this.admitted - this.backlog.size;
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      const free = this.freeSlots();
      if (free > 0 && (this.queuedHint || this.expiredHint)) {
        // The slots being claimed for are held meanwhile, so a webhook arriving during the claim cannot take
        // one too (that ran more than `concurrency` runs at once).
        this.claiming = free;
        let claimed: RunRow[] = [];
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.options.logger.error({ err: error }, 'claiming runs failed');
        } finally {
          this.claiming = 0;
        }
        for (const run of claimed) this.execute(run);
        // Webhook runs that arrived during the claim waited for its slots.
        this.drain();
        continue;
      }
      await new Promise<void>((resolve) => (this.signal = resolve));
    }
  }

  private async claim(free: number): Promise<RunRow[]> {
    const { store, logger } = this.options;
    const claim = { workerId: this.workerId, leaseMs: this.leaseMs };
    const claimed: RunRow[] = [];
    if (this.expiredHint) {
      this.expiredHint = false;
      const taken = await store.runs.claimExpiredRuns({ ...claim, limit: free });
      if (taken.length === free) this.expiredHint = true;
      for (const { takenOverFrom, ...run } of taken) {
        logger.warn(
          {
            runId: run.id,
            flowId: run.flowId,
            workerId: this.workerId,
            previousWorker: takenOverFrom.workerId,
            leaseExpiredAt:
              takenOverFrom.leaseUntil === undefined ? undefined : new Date(takenOverFrom.leaseUntil).toISOString(),
            reason: 'lease expired',
          },
          'lease taken over: resuming a run whose worker stopped',
        );
        this.options.onTakeover?.(run);
        claimed.push(run);
      }
    }
    const left = free - claimed.length;
    if (this.queuedHint && left > 0) {
      this.queuedHint = false;
      const queued = await store.runs.claimQueued({ ...claim, limit: left });
      if (queued.length === left) this.queuedHint = true;
      claimed.push(...queued);
    }
    return claimed;
  }

  /** `known` is the run's flow version when the caller has it at hand (and the run is brand new). */
  private execute(run: RunRow, known?: FlowDefinition): void {
    const controller = new AbortController();
    const release = this.slotReleaser(run.id);
    // In the map before the run starts, so that its release always finds it there.
    const entry: { controller: AbortController; done: Promise<unknown>; leased: boolean } = {
      controller,
      done: Promise.resolve(),
      leased: true,
    };
    this.inFlight.set(run.id, entry);
    entry.done = this.executeRun(run, controller, known, release).finally(release);
  }

  /** Gives a run's slot back, once: when it has computed its outcome, or at the latest when it is over. */
  private slotReleaser(runId: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.delete(runId);
      this.next();
      this.placeFreed(true);
    };
  }

  /**
   * Executes a run of a pure flow (pure-flow.ts) with its journal in memory, storing nothing: `store` then
   * writes it all at once, after the run gave its slot back (stop still waits for the write). Live events still
   * go to the bus as it runs.
   * `admitted`: the caller holds a place from `admit()`, which the run takes: when no slot is free, the run waits
   * for one in memory, still storing nothing (a crash meanwhile loses only a delivery not yet answered, which its
   * sender sends again). Undefined when neither a slot nor a place is held (the caller stores the run first).
   */
  runInMemory<T>(
    flowId: string,
    flow: FlowDefinition,
    input: JsonValue,
    store: (run: InMemoryRun) => Promise<T>,
    { admitted = false }: { admitted?: boolean } = {},
  ): { runId: string; done: Promise<T> } | undefined {
    if (!this.running) return undefined;
    const slot = this.freeSlots() + (admitted ? 1 : 0) > 0;
    if (!slot && !admitted) return undefined;
    const runId = newRunId(Date.now());
    const controller = new AbortController();
    const journal = this.options.store.journal.buffer(runId);
    let settle!: (execution: Promise<T>) => void;
    const done = new Promise<T>((resolve, reject) => (settle = (execution) => execution.then(resolve, reject)));
    const start = (cancelled: boolean) => {
      if (admitted) this.admitted--;
      const startedAt = Date.now();
      const outcome: Promise<RunOutcome> = cancelled
        ? Promise.resolve({ status: 'cancelled', output: null })
        : this.executeInMemory(flowId, flow, input, { runId, controller, journal });
      const release = this.slotReleaser(runId);
      const execution = outcome
        .then((result) => {
          // Computed: the slot goes to the next run while this one's single write waits for its group commit,
          // so one commit takes the runs of every slot rather than one slot's worth at a time.
          release();
          return this.writing.track(store({ runId, startedAt, outcome: result, journal }));
        })
        .finally(release);
      // The caller hears how it ended; waiting for the slot (stop) must not.
      const settled = execution.then(
        () => undefined,
        () => undefined,
      );
      this.inFlight.set(runId, { controller, done: settled, leased: false });
      settle(execution);
    };
    if (slot) start(false);
    else {
      // Places held by deliveries still being read count against the free slots: a slot may be idle all the same.
      this.waitingInMemory.push({ seq: this.arrivals++, start });
      this.drain();
    }
    return { runId, done };
  }

  private executeInMemory(
    flowId: string,
    flow: FlowDefinition,
    input: JsonValue,
    run: { runId: string; controller: AbortController; journal: RunJournal },
  ): Promise<RunOutcome> {
    return executeFlow({
      flow,
      runId: run.runId,
      input,
      sandbox: this.options.sandbox,
      journal: run.journal,
      signal: run.controller.signal,
      fresh: true,
      onEvent: (event) => this.options.bus.publish(flowId, event, { waiterHere: true }),
      ...this.budget(),
    });
  }

  /** A slot freed: the backlog goes first (no round trip), then the loop may claim if there is work. */
  private next(): void {
    this.drain();
    this.poke();
  }

  /** Starts waiting webhook runs (stored or in memory), oldest first, in the free slots. */
  private drain(): void {
    while (this.running && this.inFlight.size + this.claiming < this.concurrency) {
      const stored = this.backlog.values().next().value;
      const inMemory = this.waitingInMemory[0];
      if (inMemory && (!stored || inMemory.seq < stored.seq)) {
        this.waitingInMemory.shift();
        inMemory.start(false);
      } else if (stored) {
        this.backlog.delete(stored.run.id);
        this.execute(stored.run, stored.flow);
      } else return;
    }
  }

  private async loadFlow(run: RunRow): Promise<FlowDefinition | undefined> {
    const { store, versions } = this.options;
    if (run.flowVersion === undefined) return (await store.flows.get(run.flowId))?.definition;
    if (versions) return versions.getVersion(run.flowId, run.flowVersion);
    return (await store.flows.getVersion(run.flowId, run.flowVersion))?.definition;
  }

  /** `release` gives the slot back once the run has computed its outcome (its final write may still wait). */
  private async executeRun(
    run: RunRow,
    controller: AbortController,
    known: FlowDefinition | undefined,
    release: () => void,
  ): Promise<void> {
    const { store, bus, logger } = this.options;
    try {
      const flow = known ?? (await this.loadFlow(run));
      if (!flow) {
        await store.runs.finish({
          runId: run.id,
          status: 'failed',
          error: { code: 'flow_missing', message: 'the flow of this run no longer exists' },
          workerId: this.workerId,
        });
        return;
      }
      // A flow without effects outside the run keeps its journal in memory and writes it with the final status
      // in one transaction; after a crash it simply runs again from its trigger.
      const buffer = isPureFlow(flow) ? store.journal.buffer(run.id) : undefined;
      const outcome = await executeFlow({
        flow,
        runId: run.id,
        input: run.input ?? null,
        sandbox: this.options.sandbox,
        journal: buffer ?? store.journal,
        signal: controller.signal,
        fresh: known !== undefined,
        onEvent: (event: RunEvent) => {
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
          // A run handed over by this process's webhook ingress (`known`) has its waiter here.
          bus.publish(run.flowId, event, { waiterHere: known !== undefined });
        },
        ...(this.options.actions ? { actions: this.options.actions } : {}),
        ...(this.options.subflows ? { subflows: this.options.subflows } : {}),
        ...this.budget(),
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
      if (buffer) finished.journal = buffer;
      // Computed: the slot goes to the next run while this one's final write waits for its group commit (its
      // lease is not renewed meanwhile, and needs not be: the write takes a commit, the lease tens of seconds).
      release();
      await this.writing.track(store.runs.finish(finished));
      logger.info({ runId: run.id, flowId: run.flowId, status: outcome.status }, 'run finished');
    } catch (error) {
      logger.error({ err: error, runId: run.id, flowId: run.flowId }, 'run crashed');
      // A coded error (payload_lost, payload_too_large for the run's output) says what happened; others do not.
      const known = error instanceof WeftError && error.code !== 'internal';
      // Tracked: the slot may have been given back already (the final write was what failed).
      await this.writing
        .track(
          store.runs.finish({
            runId: run.id,
            status: 'failed',
            error: known
              ? { code: error.code, message: error.message, fault: error.fault }
              : { code: 'internal', message: 'the run stopped on an internal error' },
            workerId: this.workerId,
          }),
        )
        .catch(() => undefined);
    }
  }
}

/** Promises to wait for at shutdown, forgotten once settled. */
class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return write;
  }

  /** Resolves once every write tracked so far (and any tracked meanwhile) has settled. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
