// The exit codes of every `weft` command, in one table (numbers from BSD sysexits.h where one fits), so scripts
// can tell a failed run from a broken flow, a typo in the command line or a database that cannot be opened.
// `weft --help` and the README print this same table.
import { WeftError } from '@weft/core';

export const EXIT = {
  ok: 0,
  /** The flow ran and failed (or was cancelled). */
  runFailed: 1,
  /** EX_USAGE: unknown command or option, missing or malformed argument. */
  usage: 64,
  /** EX_DATAERR: the flow (or an input/credentials file) is not JSON or not valid; `db copy` into a database holding data. */
  invalidFlow: 65,
  /** EX_NOINPUT: a file named on the command line does not exist or cannot be read. */
  noInput: 66,
  /** EX_SOFTWARE: an unexpected internal error (a bug: please report it). */
  internal: 70,
  /** EX_IOERR: the database cannot be opened, migrated or written, or the server cannot listen on its port. */
  io: 74,
  /** EX_NOPERM: the Weft server refused the API token (none, unknown, or too small a role). */
  noPermission: 77,
  /** EX_CONFIG: an environment variable holds a value Weft cannot use (the message names it and what is expected). */
  config: 78,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const MEANINGS: [ExitCode, string][] = [
  [EXIT.ok, 'success (for validate: the flow is valid; for run: the run succeeded)'],
  [EXIT.runFailed, 'the run failed or was cancelled'],
  [EXIT.usage, 'usage error: unknown command or option, bad argument'],
  [
    EXIT.invalidFlow,
    'invalid data: not JSON or not a valid flow (also an invalid input/credentials file); db copy: target not empty',
  ],
  [EXIT.noInput, 'a file named on the command line is missing or unreadable'],
  [EXIT.internal, 'internal error (a bug)'],
  [EXIT.io, 'I/O error: database cannot be opened/migrated/written, or the port cannot be listened on'],
  [
    EXIT.noPermission,
    'the server refused the API token (WEFT_API_TOKEN or --token): none, unknown, or too small a role',
  ],
  [EXIT.config, 'configuration error: an environment variable (WEFT_*, PORT, HOST) has a value Weft cannot use'],
];

/** The table as shown by `weft --help`. */
export function exitCodeHelp(): string {
  return ['Exit codes:', ...MEANINGS.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`)].join('\n');
}

/** A failure meant for people: its message is printed without a stack, and the command exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The exit code for an error that reached the top of a command. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof WeftError) {
    if (error.code === 'config_invalid') return EXIT.config;
    if (error.code === 'listen_failed' || error.code === 'store_unavailable') return EXIT.io;
    if (error.code === 'cluster_unavailable') return EXIT.io;
    if (error.code === 'store_migration_failed' || error.code === 'store_too_new') return EXIT.io;
    if (error.code === 'store_copy_failed') return EXIT.io;
    // A bad database URL, or a connector name/folder `connector new` cannot use: the command line is wrong.
    if (error.code === 'store_config_invalid' || error.code.startsWith('scaffold_')) return EXIT.usage;
    return error.fault === 'user' ? EXIT.invalidFlow : EXIT.internal;
  }
  // A system call that failed (EACCES, ENOSPC, ...): Node's errors carry the call's name.
  if (typeof (error as { syscall?: unknown } | null)?.syscall === 'string') return EXIT.io;
  return EXIT.internal;
}
