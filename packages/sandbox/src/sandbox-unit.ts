// The host's handle on one sandbox unit process (unit-process.ts): starts it, sends it scripts for its slots,
// and ends it with SIGKILL when one of its isolates is abandoned, which is the one way to get back the thread
// and the memory a native V8 loop holds. A call that does not answer within its timeout plus a grace period is
// abandoned the same way, whatever the unit says. When a unit ends, the calls it was running for other slots
// fail with UnitLostError: scripts are pure, so the pool runs them again on the next unit.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CatastrophicIsolateError, type RunnableScript } from './isolate-worker.js';
import type { HostMessage, UnitConfig, UnitMessage } from './unit-protocol.js';

/** A unit ended while running this call, through no fault of its script. */
export class UnitLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitLostError';
  }
}

export interface UnitOptions extends UnitConfig {
  /** How long past its timeout a call may go unanswered before the unit is abandoned. */
  graceMs: number;
  startTimeoutMs: number;
  /** The unit abandoned an isolate (or stopped answering) and is being killed; the message says why. */
  onAbandoned(unit: SandboxUnit, message: string): void;
  /** The unit's process is gone (after kill() or on its own). */
  onExit(unit: SandboxUnit): void;
}

interface Call {
  slot: number;
  script: RunnableScript;
  send: (withBody: boolean) => void;
  resolve: (envelope: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

interface Reply {
  resolve: (message: UnitMessage) => void;
  reject: (error: Error) => void;
}

// From the TypeScript sources (tests), the unit runs them too: Node strips the types, and this resolver maps
// the `.js` specifiers our sources use to their `.ts` files.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const TS_RESOLVER = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (/^\\.\\.?\\/.*\\.js$/.test(specifier)) return next(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});`)}`;
const ENTRY = fileURLToPath(new URL(FROM_SOURCES ? './unit-process.ts' : './unit-process.js', import.meta.url));
const EXEC_ARGV = FROM_SOURCES ? ['--disable-warning=ExperimentalWarning', '--import', TS_RESOLVER] : [];

/** Unit processes not seen to exit: killed when the host exits, whatever the way. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

export class SandboxUnit {
  readonly #options: UnitOptions;
  readonly #child: ChildProcess;
  readonly #calls = new Map<number, Call>();
  readonly #replies = new Map<number, Reply>();
  /** Hashes whose body this unit was sent (it may have dropped some since: it answers `miss`). */
  readonly #known = new Set<string>();
  readonly #freeSlots: number[];
  #sequence = 0;
  #outbox: HostMessage[] = [];
  #alive = true;
  #exited = false;
  #killedAt: number | undefined;
  #started: Promise<void> | undefined;

  private constructor(options: UnitOptions) {
    this.#options = options;
    this.#freeSlots = Array.from({ length: options.size }, (_, slot) => options.size - 1 - slot);
    const config: UnitConfig = { size: options.size, memoryLimitMb: options.memoryLimitMb, config: options.config };
    this.#child = fork(ENTRY, [JSON.stringify(config)], {
      execArgv: EXEC_ARGV,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child.on('message', (batch: UnitMessage[]) => {
      for (const message of batch) this.#receive(message);
    });
    this.#child.on('error', (error) => this.#end(`the sandbox process failed: ${error.message}`));
    this.#child.on('exit', (code, signal) => {
      this.#exited = true;
      this.#end(`the sandbox process exited (${signal ?? `code ${code}`})`);
      liveChildren.delete(this.#child);
      this.#options.onExit(this);
    });
    liveChildren.add(this.#child);
    this.#idle();
    void this.ready().catch(() => undefined);
  }

  /** Starts a unit process; `ready` says when it can take calls. */
  static spawn(options: UnitOptions): SandboxUnit {
    return new SandboxUnit(options);
  }

  /** Resolves once the process has loaded and said so, within the start timeout; else the unit is killed. */
  ready(): Promise<void> {
    this.#started ??= new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the sandbox process did not start within ${this.#options.startTimeoutMs} ms`));
        this.kill();
      }, this.#options.startTimeoutMs);
      this.#replies.set(0, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#busy();
    });
    return this.#started;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Killed, but its process has not been seen to exit yet: since when (ms epoch). */
  get killedAt(): number | undefined {
    return this.#exited ? undefined : this.#killedAt;
  }

  /** A free slot (one isolate of the unit), or undefined when all are taken. */
  takeSlot(): number | undefined {
    return this.#alive ? this.#freeSlots.pop() : undefined;
  }

  releaseSlot(slot: number): void {
    if (this.#alive) this.#freeSlots.push(slot);
  }

  run(slot: number, script: RunnableScript, scopeJson: string, now: number, timeoutMs: number): Promise<string> {
    if (!this.#alive) return Promise.reject(new UnitLostError('the sandbox process is gone'));
    const id = ++this.#sequence;
    return new Promise<string>((resolve, reject) => {
      const send = (withBody: boolean) => {
        const known = !withBody && this.#known.has(script.hash);
        if (!known) {
          if (this.#known.size >= this.#options.config.cacheSize) this.#known.clear();
          this.#known.add(script.hash);
        }
        const body = known ? '' : script.body;
        this.#send(['run', id, slot, script.hash, script.kind, body, scopeJson, now, timeoutMs]);
      };
      const timer = setTimeout(() => {
        this.#abandon(slot, `Script failed to terminate within ${timeoutMs + this.#options.graceMs} ms`);
      }, timeoutMs + this.#options.graceMs);
      this.#calls.set(id, { slot, script, send, resolve, reject, timer });
      this.#busy();
      send(false);
    });
  }

  /** Creates every isolate of the unit now. */
  async warm(): Promise<void> {
    await this.#ask((id) => ['warm', id]);
  }

  async heap(): Promise<{ isolates: number; usedBytes: number; totalBytes: number }> {
    const reply = await this.#ask((id) => ['heap', id]);
    if (reply[0] !== 'heap') return { isolates: 0, usedBytes: 0, totalBytes: 0 };
    return { isolates: reply[2], usedBytes: reply[3], totalBytes: reply[4] };
  }

  /** Ends the process at once; running calls fail with UnitLostError. */
  kill(): void {
    this.#killedAt ??= Date.now();
    this.#end('the sandbox process was stopped');
    if (!this.#exited) this.#child.kill('SIGKILL');
  }

  #ask(message: (id: number) => HostMessage): Promise<UnitMessage> {
    if (!this.#alive) return Promise.reject(new UnitLostError('the sandbox process is gone'));
    const id = ++this.#sequence;
    return new Promise<UnitMessage>((resolve, reject) => {
      this.#replies.set(id, { resolve, reject });
      this.#busy();
      this.#send(message(id));
    });
  }

  /** Messages of one tick go out as one IPC message: fewer writes and wake-ups when many calls start. */
  #send(message: HostMessage): void {
    this.#outbox.push(message);
    if (this.#outbox.length > 1) return;
    queueMicrotask(() => {
      const batch = this.#outbox;
      this.#outbox = [];
      if (!this.#alive) return;
      try {
        this.#child.send(batch);
      } catch (error) {
        this.#end(`the sandbox process could not be reached: ${(error as Error).message}`);
      }
    });
  }

  #receive(message: UnitMessage): void {
    switch (message[0]) {
      case 'ready':
        return this.#reply(0, message);
      case 'ok':
        return this.#settle(message[1], (call) => call.resolve(message[2]));
      case 'fail':
        return this.#settle(message[1], (call) => call.reject(new Error(message[2])));
      case 'miss':
        this.#calls.get(message[1])?.send(true);
        return;
      case 'lost':
        return this.#abandon(message[1], message[2]);
      case 'warmed':
      case 'heap':
        return this.#reply(message[1], message);
    }
  }

  #settle(id: number, settle: (call: Call) => void): void {
    const call = this.#calls.get(id);
    if (!call) return;
    this.#calls.delete(id);
    clearTimeout(call.timer);
    settle(call);
    this.#idle();
  }

  #reply(id: number, message: UnitMessage): void {
    const reply = this.#replies.get(id);
    this.#replies.delete(id);
    reply?.resolve(message);
    this.#idle();
  }

  /** The isolate of `slot` is out of V8's control: fail its call as the script's doing, and end the unit. */
  #abandon(slot: number, message: string): void {
    if (!this.#alive) return;
    for (const [id, call] of this.#calls) {
      if (call.slot === slot) this.#settle(id, (c) => c.reject(new CatastrophicIsolateError(message)));
    }
    this.#options.onAbandoned(this, message);
    this.kill();
  }

  #end(reason: string): void {
    if (!this.#alive) return;
    this.#alive = false;
    const calls = [...this.#calls.values()];
    const replies = [...this.#replies.values()];
    this.#calls.clear();
    this.#replies.clear();
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(new UnitLostError(reason));
    }
    for (const reply of replies) reply.reject(new UnitLostError(reason));
    this.#idle();
  }

  // An idle unit must not keep the host's event loop alive; one with calls in flight must, until they answer.
  #busy(): void {
    this.#child.ref();
    this.#child.channel?.ref();
  }

  #idle(): void {
    if (this.#calls.size > 0 || this.#replies.size > 0) return;
    this.#child.unref();
    this.#child.channel?.unref();
  }
}
