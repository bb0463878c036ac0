import { PROCESS_ROLES, startRuntime, type ProcessRole } from '@weft/server';
import { EXIT } from '../exit-codes.js';
import { CliError, guard } from './flow-file.js';

/** The flags as given; an absent one falls back to its environment variable, then its default (server config). */
export interface StartOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  database?: string;
  examples?: string;
  concurrency?: string;
  leaseMs?: string;
  role?: string;
}

function roleOf(value: string | undefined): ProcessRole | undefined {
  if (value === undefined) return undefined;
  const role = PROCESS_ROLES.find((r) => r === value);
  if (!role) throw new CliError(`--role must be one of ${PROCESS_ROLES.join(', ')}, got "${value}"`, EXIT.usage);
  return role;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${name} must be a positive integer, got "${value}"`, EXIT.usage);
  return n;
}

export function startCommand(options: StartOptions): Promise<void> {
  return guard(async () => {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
      throw new CliError(`invalid port "${options.port}"`, EXIT.usage);
    // The environment is read and checked by the runtime's config (a bad value exits 78); flags win over it.
    const runtime = await startRuntime({
      port,
      host: options.host,
      dataDir: options.dataDir,
      concurrency: positiveInteger(options.concurrency, '--concurrency'),
      leaseMs: positiveInteger(options.leaseMs, '--lease-ms'),
      role: roleOf(options.role),
      ...(options.database ? { databaseUrl: options.database } : {}),
      ...(options.examples ? { examplesDir: options.examples } : {}),
    });
    const banner = [
      '',
      runtime.role === 'worker'
        ? `  Weft worker is running at ${runtime.url} (probes only: /healthz, /readyz)`
        : `  Weft${runtime.role === 'web' ? ' (web)' : ''} is running at ${runtime.url}`,
      runtime.generatedOwner
        ? `  Owner account created: ${runtime.generatedOwner.email} / ${runtime.generatedOwner.password}  (shown once; set WEFT_OWNER_EMAIL and WEFT_OWNER_PASSWORD to choose)`
        : '',
      ...exampleLines(runtime.url, runtime.examples),
      '  Press Ctrl-C to stop.',
      '',
    ];
    process.stderr.write(banner.filter((l) => l !== '').join('\n') + '\n\n');
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`\n  ${signal}: draining (finishing in-flight requests and runs) and stopping…\n`);
        runtime.close().then(resolve, (error: unknown) => {
          process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
          resolve();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  });
}

function exampleLines(url: string, examples: { id: string; active: boolean }[]): string[] {
  const active = examples.filter((e) => e.active).map((e) => `${url}/hooks/${e.id}`);
  const waiting = examples.filter((e) => !e.active).map((e) => e.id);
  return [
    active.length ? `  Example webhooks: ${active.join('\n                    ')}` : '',
    waiting.length ? `  Also loaded, inactive until you connect and switch them on: ${waiting.join(', ')}` : '',
  ];
}
