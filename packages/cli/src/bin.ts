#!/usr/bin/env node
// The `weft` command. Options fall back to the environment and then to the defaults, through @weft/server's
// config (the one place the environment is read and checked).
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { connectorNewCommand } from './commands/connector.js';
import { rotateKeyCommand } from './commands/credentials.js';
import { dbCopyCommand } from './commands/db.js';
import { flowsExportCommand, flowsImportCommand } from './commands/flows.js';
import { migrateCommand } from './commands/migrate.js';
import { runCommand } from './commands/run.js';
import { runsReplayCommand } from './commands/runs.js';
import { startCommand } from './commands/start.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, exitCodeHelp } from './exit-codes.js';
import { relaunchWithHeapSettings } from './heap-settings.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('weft')
  .description('Weft: a self-hostable workflow engine')
  .version(version, '-v, --version')
  .showHelpAfterError()
  .addHelpText('after', `\n${exitCodeHelp()}`)
  // Set before the subcommands are added, which inherit it: a command-line mistake exits 64, not commander's 1.
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  });

program
  .command('start')
  .description('migrate the database, load example flows and start the server')
  .option('-p, --port <port>', 'HTTP port (env PORT, default 3000)')
  .option('--host <host>', 'interface to listen on (env HOST, default 0.0.0.0)')
  .option('-d, --data-dir <dir>', 'where the embedded database lives (env WEFT_DATA_DIR, default .weft)')
  .option('--database <url>', 'database URL: a SQLite file or postgres://… (env WEFT_DATABASE_URL)')
  .option('--examples <dir>', 'load every flow under this folder at start-up')
  .option('--concurrency <n>', 'runs executed at once by this process (env WEFT_CONCURRENCY, default 8)')
  .option('--role <role>', 'web (HTTP, webhooks, triggers), worker (executes runs) or all (env WEFT_ROLE, default all)')
  .option(
    '--lease-ms <ms>',
    'how long a crashed process holds its runs before another resumes them (env WEFT_LEASE_MS, default 30000)',
  )
  .action((options: Parameters<typeof startCommand>[0]) => {
    relaunchWithHeapSettings();
    return startCommand(options);
  });

program
  .command('validate')
  .description('check a flow definition and print every problem with its location')
  .argument('<flow>', 'path to a flow JSON file')
  .action(validateCommand);

program
  .command('run')
  .description('run a flow locally and print each step with its status and duration')
  .argument('<flow>', 'path to a flow JSON file')
  .option('-i, --input <file>', 'JSON file with the trigger event')
  .option('-c, --credentials <file>', 'JSON file mapping credential ids to { connector, kind, values }')
  .option('--database <url>', 'record the run in this database instead of memory')
  .option('--run-id <id>', 'resume the run with this id (with --database)')
  .option('--json', 'print the outcome as JSON')
  .action(runCommand);

program
  .command('migrate')
  .description('apply database migrations and exit')
  .option('-d, --data-dir <dir>', 'where the embedded database lives (env WEFT_DATA_DIR, default .weft)')
  .option('--database <url>', 'database URL (env WEFT_DATABASE_URL)')
  .action(migrateCommand);

const connector = program.command('connector').description('work on connector packages');
connector
  .command('new')
  .description('scaffold a connector package with one action, one trigger, a test and a README')
  .argument('<name>', 'connector name, e.g. acme-crm')
  .option('--dir <dir>', 'where connector packages live', 'connectors')
  .action(connectorNewCommand);

const credentials = program.command('credentials').description('manage stored credentials');
credentials
  .command('rotate-key')
  .description('re-encrypt every credential with a new key (WEFT_NEW_SECRET_KEY or generated)')
  .option('-d, --data-dir <dir>', 'where the embedded database lives (env WEFT_DATA_DIR, default .weft)')
  .option('--database <url>', 'database URL (env WEFT_DATABASE_URL)')
  .action(rotateKeyCommand);

const serverOptions = (command: Command) =>
  command
    .option('--url <url>', 'the Weft server (env WEFT_PUBLIC_URL, default http://localhost:$PORT)')
    .option('--token <token>', 'an API token (env WEFT_API_TOKEN)');

const flows = program.command('flows').description('flows as code: export and import through a running server');
serverOptions(
  flows
    .command('export')
    .description('write every flow (published version and draft) as one JSON file per flow, credentials by name')
    .requiredOption('--dir <dir>', 'the folder to write <flow id>.json files into'),
).action(flowsExportCommand);
serverOptions(
  flows
    .command('import')
    .description('create or update flows from a folder of flow files; prints the plan as it applies it')
    .requiredOption('--dir <dir>', 'the folder of <flow id>.json files')
    .option('--dry-run', 'only print the plan: created, changed, unchanged, credentials missing')
    .option(
      '--map <name=credential>',
      'use this credential (name or id) for a credential name in the files; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--json', 'print the plan as JSON'),
).action(flowsImportCommand);

const runs = program.command('runs').description('work on the runs of a running server');
serverOptions(
  runs
    .command('replay')
    .description('re-run a finished run from a step: earlier steps keep their outputs, this one and later run again')
    .argument('<runId>', 'the run to replay')
    .requiredOption('--from <stepId>', 'the step to replay from (the trigger id replays the whole run)')
    .option(
      '-i, --input <file>',
      "JSON file with the step's edited input (the trigger's event when --from is the trigger)",
    )
    .option('--json', 'print { runId, retryOf } as JSON'),
).action(runsReplayCommand);

const db = program.command('db').description('work on whole databases');
db.command('copy')
  .description('copy an installation from a SQLite file into PostgreSQL (flows, credentials still sealed, accounts)')
  .requiredOption('--from <path>', 'the SQLite database copied from (e.g. .weft/weft.db)')
  .requiredOption('--to <url>', 'the database copied into: postgres://user@host:5432/db')
  .option('--schema <name>', 'PostgreSQL schema of the target (created when missing)')
  .option('--history', 'also copy runs, their steps, logs and payloads, and received webhook events')
  .option('--into-non-empty', 'copy into a database that already holds data (rows matched by id, the source wins)')
  .option('--batch-size <n>', 'rows per target transaction (default 500, at most 2000)')
  .option('--json', 'print the counts as JSON')
  .addHelpText(
    'after',
    '\nStop the server using the source first: what it writes during the copy is not copied. Exit code 65 when\n' +
      'the target already holds data (without --into-non-empty), 74 when a database cannot be opened or written.',
  )
  .action(dbCopyCommand);

await program.parseAsync();
