// Group commit: writes that arrive in the same turn of the event loop share one transaction, so concurrent
// runs pay for one commit instead of one each. Every caller's promise still settles only after its write is
// committed. A failing batch is retried write by write, so one bad write fails alone (and a write that throws
// on purpose to roll itself back, like a duplicate webhook delivery, rolls back alone).
import { inTransaction } from './context.js';
import type { StoreContext } from './context.js';

type Write<T> = (ctx: StoreContext) => Promise<T>;

interface Job {
  write: Write<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export type GroupCommit = <T>(write: Write<T>) => Promise<T>;

const shared = new WeakMap<object, GroupCommit>();

/** The group commit of this database; inside a transaction, writes simply run in it. */
export function groupCommit(ctx: StoreContext): GroupCommit {
  if (ctx.inTransaction) return (write) => write(ctx);
  let commit = shared.get(ctx.db);
  if (!commit) {
    commit = createGroupCommit(ctx);
    shared.set(ctx.db, commit);
  }
  return commit;
}

function createGroupCommit(ctx: StoreContext): GroupCommit {
  let queue: Job[] = [];
  const runAlone = async (job: Job) => {
    try {
      job.resolve(await inTransaction(ctx, job.write));
    } catch (error) {
      job.reject(error);
    }
  };
  const flush = async () => {
    const batch = queue;
    queue = [];
    if (batch.length === 1) return runAlone(batch[0]!);
    let results: unknown[];
    try {
      results = await inTransaction(ctx, async (tx) => {
        const out: unknown[] = [];
        for (const job of batch) out.push(await job.write(tx));
        return out;
      });
    } catch {
      for (const job of batch) await runAlone(job);
      return;
    }
    batch.forEach((job, i) => job.resolve(results[i]));
  };
  return <T>(write: Write<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(() => void flush());
    });
}
