// The entry point of a sandbox unit: a child process that holds the pooled isolates and runs scripts on them
// for the host (unit-protocol.ts). It exists so that what isolated-vm cannot stop can still be ended: a native
// V8 loop that ignores termination parks a thread and its memory for good, and only the end of the process
// that owns them frees both. The host SIGKILLs this process then; the process also kills itself when the
// host goes away, since a stuck isolate thread could keep an orderly exit waiting.
// Runs with nothing but isolated-vm and the isolate sources: no @weft/core, so that it starts fast.
import { IsolateWorker, type WorkerOptions } from './isolate-worker.js';
import type { HostMessage, RunArgs, UnitConfig, UnitMessage } from './unit-protocol.js';

const unit = JSON.parse(process.argv[2] ?? '{}') as UnitConfig;
const workers: (Promise<IsolateWorker> | undefined)[] = [];
/** Bodies by hash, as sent by the host; the host re-sends one the unit answers `miss` for. */
const bodies = new Map<string, string>();

let outbox: UnitMessage[] = [];

/** Replies of one tick go out as one IPC message: fewer writes and wake-ups when many calls run. */
function send(message: UnitMessage): void {
  outbox.push(message);
  if (outbox.length > 1) return;
  queueMicrotask(() => {
    const batch = outbox;
    outbox = [];
    process.send?.(batch);
  });
}

function workerOptions(slot: number): WorkerOptions {
  return {
    memoryLimitMb: unit.memoryLimitMb,
    config: unit.config,
    onLost: (_worker, message) => send(['lost', slot, message]),
  };
}

function workerFor(slot: number): Promise<IsolateWorker> {
  let worker = workers[slot];
  if (!worker) {
    worker = IsolateWorker.create(workerOptions(slot));
    workers[slot] = worker;
    worker.catch(() => undefined);
  }
  return worker;
}

/** Any failure leaves the isolate in doubt: dispose it, and the next run on the slot gets a fresh one. */
async function retire(slot: number): Promise<void> {
  const worker = workers[slot];
  workers[slot] = undefined;
  (await worker?.catch(() => undefined))?.dispose();
}

async function run(...[id, slot, hash, kind, body, scopeJson, now, timeoutMs]: RunArgs): Promise<void> {
  if (body !== '') {
    if (bodies.size >= unit.config.cacheSize) bodies.clear();
    bodies.set(hash, body);
  }
  const known = bodies.get(hash);
  if (known === undefined) return send(['miss', id]);
  try {
    const worker = await workerFor(slot);
    send(['ok', id, await worker.execute({ hash, kind, body: known }, scopeJson, now, timeoutMs)]);
  } catch (error) {
    await retire(slot);
    send(['fail', id, error instanceof Error ? error.message : String(error)]);
  }
}

async function heap(id: number): Promise<void> {
  const statistics = [];
  for (const worker of workers) {
    const statistic = await worker?.then((w) => w.heapStatistics()).catch(() => undefined);
    if (statistic) statistics.push(statistic);
  }
  send([
    'heap',
    id,
    statistics.length,
    statistics.reduce((sum, s) => sum + s.used_heap_size + s.externally_allocated_size, 0),
    statistics.reduce((sum, s) => sum + s.total_heap_size, 0),
  ]);
}

function receive(message: HostMessage): void {
  switch (message[0]) {
    case 'run':
      void run(...(message.slice(1) as RunArgs));
      break;
    case 'warm':
      void Promise.allSettled(Array.from({ length: unit.size }, (_, slot) => workerFor(slot))).then(() =>
        send(['warmed', message[1]]),
      );
      break;
    case 'heap':
      void heap(message[1]);
      break;
  }
}

process.on('message', (batch: HostMessage[]) => batch.forEach(receive));
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
send(['ready']);
