// Reading a flow file for the CLI: clear messages with locations, nothing written.
import { validateFlow, type ConnectorCatalog, type FlowDefinition, type Problem } from '@weft/core';
import { readFile } from 'node:fs/promises';
import { builtinCatalog } from '@weft/server';

export class CliError extends Error {}

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
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

/** Runs a command body, turning CliErrors into a message and exit code 1. */
export async function guard(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = await body();
    if (code) process.exitCode = code;
  } catch (error) {
    // CliErrors and WeftErrors (which carry a code) are for people; anything else is a bug worth a stack.
    if (!(error instanceof CliError) && typeof (error as { code?: unknown }).code !== 'string') throw error;
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
