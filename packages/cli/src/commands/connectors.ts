// Installed connectors for CLI commands: this repository's connectors/ (or WEFT_CONNECTORS_DIR) and
// installed packages, with credentials from a JSON file kept in memory (never written anywhere).
import { type AuthKind, type Credential } from '@weft/sdk';
import {
  createConnectorRegistry,
  createMemoryCredentialProvider,
  createMemorySyncStateStore,
  createSyncConnector,
  type ConnectorRegistry,
} from '@weft/sdk/runtime';
import { loadConfig } from '@weft/server';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../exit-codes.js';
import { CliError, readJsonFile } from './flow-file.js';

const REPO_CONNECTORS = join(dirname(fileURLToPath(import.meta.url)), '../../../../connectors');

export async function connectorRegistry(credentials: Credential[]): Promise<ConnectorRegistry> {
  const config = loadConfig();
  const registry = createConnectorRegistry({
    credentials: createMemoryCredentialProvider(credentials),
    outbound: { allow: config.outboundAllow },
  });
  // A one-off run keeps sync cursors in memory: each `weft run` is a first pass (the server keeps them).
  registry.register(createSyncConnector({ actions: registry, state: createMemorySyncStateStore() }), 'builtin');
  const report = await registry.loadConnectors({
    dirs: [config.connectorsDir ?? REPO_CONNECTORS],
    nodeModules: true,
  });
  for (const problem of report.problems)
    process.stderr.write(`warning: connector ${problem.connector ?? problem.source} skipped: ${problem.message}\n`);
  return registry;
}

export async function readCredentials(path: string): Promise<Credential[]> {
  const json = await readJsonFile(path, 'credentials');
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new CliError(`${path} must map credential ids to { connector, kind, values }`, EXIT.invalidFlow);
  return Object.entries(json as Record<string, { connector?: unknown; kind?: unknown; values?: unknown }>).map(
    ([id, entry]) => {
      if (
        typeof entry?.connector !== 'string' ||
        typeof entry.kind !== 'string' ||
        !entry.values ||
        typeof entry.values !== 'object'
      ) {
        throw new CliError(`${path}: credential "${id}" needs "connector", "kind" and "values"`, EXIT.invalidFlow);
      }
      return {
        id,
        connector: entry.connector,
        kind: entry.kind as AuthKind,
        values: entry.values as Record<string, string>,
        name: id,
      };
    },
  );
}
