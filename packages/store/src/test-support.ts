// Test helpers (not part of the build): a fresh store per test — SQLite in a temp dir, PostgreSQL in its own
// schema — removed when the test finishes, a fake clock and a sample flow.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { FlowDefinition } from '@weft/core';
import { openStore } from './open-store.js';
import type { OpenStoreOptions } from './open-store.js';
import type { Store } from './store.js';
import type { StoreDialect } from './context.js';

export const POSTGRES_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface TestStore {
  store: Store;
  clock: FakeClock;
  /** Opens another store on the same database (a second process), closed with the test. */
  openAnother(options?: Partial<OpenStoreOptions>): Promise<Store>;
  /** SQLite: the database file; PostgreSQL: the URL. */
  location: string;
  schema?: string;
}

/** A migrated store on a database of its own; closed and removed when the current test finishes. */
export async function openTestStore(
  dialect: StoreDialect,
  options: Partial<OpenStoreOptions> = {},
): Promise<TestStore> {
  const clock = fakeClock();
  const opened: Store[] = [];
  let location: string;
  let schema: string | undefined;
  let removeDatabase: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'weft-store-'));
    location = join(dir, 'weft.db');
    removeDatabase = () => rm(dir, { recursive: true, force: true });
  } else {
    location = POSTGRES_URL;
    schema = `weft_test_${randomBytes(6).toString('hex')}`;
    const name = schema;
    removeDatabase = () => dropSchema(name);
  }
  onTestFinished(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await removeDatabase();
  });
  const open = async (extra: Partial<OpenStoreOptions> = {}) => {
    const store = await openStore({ url: location, schema, clock, ...options, ...extra });
    opened.push(store);
    return store;
  };
  const store = await open();
  return { store, clock, openAnother: open, location, ...(schema === undefined ? {} : { schema }) };
}

export async function dropSchema(schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export function sampleFlow(name = 'Sample flow'): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name,
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'request' },
    steps: [{ id: 'map', use: 'transform.map', config: { text: '{{ trigger.body.text }}' } }],
    edges: [{ from: 'hook', to: 'map' }],
  };
}

/** Creates a sample flow and publishes it, so runs pin its version 1; returns the flow id. */
export async function publishedFlow(store: Store, name?: string): Promise<string> {
  const flow = await store.flows.create({ definition: sampleFlow(name) });
  await store.flows.publish(flow.id);
  return flow.id;
}
