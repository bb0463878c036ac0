// PostgreSQL hot writes sent as one statement per group: the writes of one kind that arrive together (the same
// turn of the event loop, or while the groups before them are on the wire) go out as one statement over arrays,
// which is its own transaction: one round trip and one commit for the whole group, each caller answered only once
// it is committed. A failing group is sent again write by write, so one bad write fails alone.
import type { PostgresQueries } from './postgres-connection.js';

/** Groups of one kind being written at once: a group gathers while the ones before it are on the wire. */
const MAX_IN_FLIGHT = 2;

interface Job<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Writes a group in one statement; one result per write, in order. */
export type GroupWrite<J, R> = (pool: PostgresQueries, jobs: readonly J[]) => Promise<R[]>;

const groups = new WeakMap<PostgresQueries, Map<GroupWrite<never, unknown>, (job: never) => Promise<unknown>>>();

/** The group of `write` on this pool (one per pool, so that every repository's writes join the same groups). */
export function statementGroup<J, R>(pool: PostgresQueries, write: GroupWrite<J, R>): (job: J) => Promise<R> {
  let kinds = groups.get(pool);
  if (!kinds) groups.set(pool, (kinds = new Map()));
  let group = kinds.get(write as GroupWrite<never, unknown>) as ((job: J) => Promise<R>) | undefined;
  if (!group) {
    group = createGroup(pool, write);
    kinds.set(write as GroupWrite<never, unknown>, group as (job: never) => Promise<unknown>);
  }
  return group;
}

function createGroup<J, R>(pool: PostgresQueries, write: GroupWrite<J, R>): (job: J) => Promise<R> {
  let queue: Job<J, R>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled || inFlight >= MAX_IN_FLIGHT || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (inFlight >= MAX_IN_FLIGHT || queue.length === 0) return;
      const group = queue;
      queue = [];
      inFlight++;
      void send(pool, write, group).finally(() => {
        inFlight--;
        schedule();
      });
    });
  };
  return (job) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      schedule();
    });
}

async function send<J, R>(pool: PostgresQueries, write: GroupWrite<J, R>, group: Job<J, R>[]): Promise<void> {
  try {
    const results = await write(
      pool,
      group.map((entry) => entry.job),
    );
    group.forEach((entry, i) => entry.resolve(results[i]!));
    return;
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error);
  }
  for (const entry of group) {
    try {
      entry.resolve((await write(pool, [entry.job]))[0]!);
    } catch (error) {
      entry.reject(error);
    }
  }
}

/** The columns of `rows` as arrays, one per key (the values of an `unnest($1::type[], …)`). */
export function columns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): T[K][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
