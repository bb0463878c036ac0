// Reading a flow file for the CLI: clear messages with locations, nothing written.
import { validateFlow, type ConnectorCatalog, type FlowDefinition, type Problem } from '@weft/core';
import { readFile } from 'node:fs/promises';
import { builtinCatalog } from '@weft/server';
import { CliError, EXIT, exitCodeOf } from '../exit-codes.js';

export { CliError } from '../exit-codes.js';

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      EXIT.noInput,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, EXIT.invalidFlow);
  }
}

export function formatProblems(path: string, problems: Problem[]): string {
  return problems
    .map((p) => `${path}: ${p.pointer || '/'}${p.nodeId ? ` (node "${p.nodeId}")` : ''}: ${p.message} [${p.code}]`)
    .join('\n');
}

export async function loadFlow(
  path: string,
  installed?: ConnectorCatalog,
): Promise<{ flow?: FlowDefinition; problems: Problem[] }> {
  const json = await readJsonFile(path, 'flow');
  const catalog: ConnectorCatalog = installed
    ? {
        hasAction: (use) => installed.hasAction(use),
        hasTrigger: (c, t) => builtinCatalog.hasTrigger(c, t) || installed.hasTrigger(c, t),
      }
    : builtinCatalog;
  const result = validateFlow(json, { catalog });
  return result.ok ? { flow: result.flow, problems: [] } : { problems: result.problems };
}

/** Runs a command body, turning errors into a message and the exit code of their kind (see exit-codes.ts). */
export async function guard(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = await body();
    if (code) process.exitCode = code;
  } catch (error) {
    const code = exitCodeOf(error);
    // Errors we classified are for people; anything else is a bug worth a stack.
    const message =
      error instanceof Error
        ? code === EXIT.internal
          ? (error.stack ?? error.message)
          : error.message
        : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = code;
  }
}
