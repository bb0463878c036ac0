// Keeps one sandbox unit process serving the pool: starts it on first demand, hands its slots out, and when it
// is killed (an abandoned isolate) or dies starts the next one at once. Its health is what the server's
// readiness reports: not ready while no unit can be started, or while a killed unit has not gone away.
import type { RunnableScript } from './isolate-worker.js';
import { SandboxUnit, type UnitOptions } from './sandbox-unit.js';

export interface SandboxHealth {
  ok: boolean;
  /** Why not, when not ok. */
  detail?: string;
}

export type SupervisorOptions = Omit<UnitOptions, 'onAbandoned' | 'onExit'> & {
  /** A unit abandoned an isolate; it has been killed and is being replaced. */
  onAbandoned(message: string): void;
};

/** How long a killed unit may take to disappear before the sandbox reports itself unhealthy. */
const EXIT_GRACE_MS = 5000;

/** One isolate of a unit, lent to one evaluation at a time by the WorkerQueue. */
export class UnitSlot {
  readonly #unit: SandboxUnit;
  readonly #slot: number;
  #retired = false;
  #released = false;

  constructor(unit: SandboxUnit, slot: number) {
    this.#unit = unit;
    this.#slot = slot;
  }

  get usable(): boolean {
    return !this.#retired && this.#unit.alive;
  }

  /** After a failed call: the unit replaced the isolate, so this slot is dropped and a fresh one handed out. */
  retire(): void {
    this.#retired = true;
  }

  execute(script: RunnableScript, scopeJson: string, now: number, timeoutMs: number): Promise<string> {
    return this.#unit.run(this.#slot, script, scopeJson, now, timeoutMs);
  }

  dispose(): void {
    if (this.#released) return;
    this.#released = true;
    this.#unit.releaseSlot(this.#slot);
  }
}

export class UnitSupervisor {
  readonly #options: SupervisorOptions;
  readonly #units = new Set<SandboxUnit>();
  #live: SandboxUnit | undefined;
  #starting: Promise<SandboxUnit> | undefined;
  #startError: string | undefined;
  #closed = false;
  #counts = { processesStarted: 0, processesKilled: 0 };

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  async slot(): Promise<UnitSlot> {
    const unit = await this.#unit();
    const slot = unit.takeSlot();
    if (slot === undefined) throw new Error('the sandbox process has no free isolate');
    return new UnitSlot(unit, slot);
  }

  async warm(): Promise<void> {
    await (await this.#unit()).warm();
  }

  async heap(): Promise<{ isolates: number; usedBytes: number; totalBytes: number }> {
    const unit = this.#live;
    const none = { isolates: 0, usedBytes: 0, totalBytes: 0 };
    return unit?.alive ? unit.heap().catch(() => none) : none;
  }

  health(): SandboxHealth {
    if (this.#closed) return { ok: false, detail: 'the sandbox is disposed' };
    if (this.#startError !== undefined) return { ok: false, detail: this.#startError };
    for (const unit of this.#units) {
      const killedAt = unit.killedAt;
      if (killedAt !== undefined && Date.now() - killedAt > EXIT_GRACE_MS) {
        return { ok: false, detail: `sandbox process ${unit.pid} did not exit after SIGKILL` };
      }
    }
    return { ok: true };
  }

  stats(): { processes: number; processesStarted: number; processesKilled: number } {
    return { processes: this.#units.size, ...this.#counts };
  }

  /** Process ids of the unit processes that exist (live, or killed and not yet gone). */
  pids(): number[] {
    return [...this.#units].flatMap((unit) => (unit.pid === undefined ? [] : [unit.pid]));
  }

  close(): void {
    this.#closed = true;
    for (const unit of this.#units) unit.kill();
  }

  #unit(): Promise<SandboxUnit> {
    if (this.#closed) return Promise.reject(new Error('the sandbox is disposed'));
    if (this.#live?.alive) return Promise.resolve(this.#live);
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(): Promise<SandboxUnit> {
    const unit = SandboxUnit.spawn({
      ...this.#options,
      onAbandoned: (_unit, message) => {
        this.#counts.processesKilled++;
        this.#options.onAbandoned(message);
      },
      onExit: (exited) => {
        this.#units.delete(exited);
        // Keep a unit ready for the next evaluation, unless this one never came up (then start on demand).
        if (exited === this.#live && !this.#closed) void this.#unit().catch(() => undefined);
      },
    });
    this.#units.add(unit);
    try {
      await unit.ready();
    } catch (error) {
      this.#startError = `the sandbox could not start a process: ${(error as Error).message}`;
      throw error;
    }
    if (this.#closed) {
      unit.kill();
      throw new Error('the sandbox is disposed');
    }
    this.#startError = undefined;
    this.#counts.processesStarted++;
    this.#live = unit;
    return unit;
  }
}
