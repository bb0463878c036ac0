// `weft migrate`: applies the database migrations and exits.
import { loadConfig } from '@weft/server';
import { openStore } from '@weft/store';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT } from '../exit-codes.js';
import { CliError, guard } from './flow-file.js';

export function migrateCommand(options: { dataDir?: string; database?: string }): Promise<void> {
  return guard(async () => {
    const config = loadConfig({ dataDir: options.dataDir, databaseUrl: options.database });
    await mkdir(resolve(config.dataDir), { recursive: true });
    const url = config.databaseUrl ?? join(resolve(config.dataDir), 'weft.db');
    const store = await openStore({ url });
    try {
      const health = await store.health();
      if (!health.ok) throw new CliError(health.error, EXIT.io);
      process.stdout.write(
        `database ${health.dialect} is up to date (${health.migrations.applied.length} migrations applied)\n`,
      );
    } finally {
      await store.close();
    }
  });
}
