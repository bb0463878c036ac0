// `weft run`: executes a flow in this process against a store (memory by default) and prints each step.
import { executeFlow, type JsonValue, type RunEvent } from '@weft/core';
import { createSandbox } from '@weft/sandbox';
import { createSubflowRunner } from '@weft/server';
import { openStore } from '@weft/store';
import { connectorRegistry, readCredentials } from './connectors.js';
import { EXIT } from '../exit-codes.js';
import { CliError, formatProblems, guard, loadFlow, readJsonFile } from './flow-file.js';
import { subflowFiles } from './subflow-files.js';

export interface RunOptions {
  input?: string;
  /** JSON file: { "<credential id>": { "connector", "kind", "values": {...} } }. */
  credentials?: string;
  database?: string;
  runId?: string;
  json?: boolean;
}

const SYMBOL: Record<string, string> = { succeeded: '✓', failed: '✗', skipped: '-', cancelled: '⊘' };

export function runCommand(path: string, options: RunOptions): Promise<void> {
  return guard(async () => {
    const registry = await connectorRegistry(options.credentials ? await readCredentials(options.credentials) : []);
    const { flow, problems } = await loadFlow(path, registry);
    if (!flow) throw new CliError(`the flow is not valid:\n${formatProblems(path, problems)}`, EXIT.invalidFlow);
    const input = options.input ? ((await readJsonFile(options.input, 'input')) as JsonValue) : {};
    const store = await openStore({ url: options.database ?? ':memory:' });
    const sandbox = createSandbox({ size: 1 });
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    try {
      let runId = options.runId;
      let runInput = input;
      if (runId) {
        const existing = await store.runs.get(runId);
        if (!existing) throw new CliError(`there is no run "${runId}" in ${options.database ?? 'memory'}`, EXIT.usage);
        runInput = existing.input ?? null;
      } else {
        const record = await store.flows.create({ definition: flow });
        runId = (await store.runs.create({ flowId: record.id, triggerKind: 'manual', input })).id;
      }
      if (!options.json) process.stdout.write(`run ${runId} started\n`);
      // Steps of subflow child runs are printed indented under the parent's.
      const print = (event: RunEvent, indent = '') => {
        if (options.json) return;
        if (event.type === 'step.finished') {
          const detail = event.error ? `  ${event.error.message}` : '';
          process.stdout.write(
            `${indent}${SYMBOL[event.status] ?? '?'} ${event.key.padEnd(28 - indent.length)} ${event.status.padEnd(10)} ${String(event.durationMs).padStart(6)} ms${detail}\n`,
          );
        } else if (event.type === 'log') {
          process.stdout.write(`${indent}    [${event.level}] ${event.stepKey ?? ''}: ${event.message}\n`);
        }
      };
      const subflows = createSubflowRunner({
        store,
        sandbox,
        actions: registry,
        resolve: subflowFiles({ rootFile: path, store, catalog: registry }),
        onEvent: (_flowId, event) => print(event, '  '),
      });
      const outcome = await executeFlow({
        flow,
        runId,
        input: runInput,
        sandbox,
        journal: store.journal,
        signal: controller.signal,
        onEvent: (event) => print(event),
        actions: registry,
        subflows,
      });
      await store.runs.finish({
        runId,
        status: outcome.status,
        output: outcome.output,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      if (options.json) process.stdout.write(`${JSON.stringify({ runId, ...outcome }, null, 2)}\n`);
      else {
        process.stdout.write(`\nrun ${runId} ${outcome.status}\n`);
        if (outcome.response)
          process.stdout.write(`response: ${outcome.response.status} ${JSON.stringify(outcome.response.body)}\n`);
        process.stdout.write(`output: ${JSON.stringify(outcome.output, null, 2)}\n`);
        if (outcome.error)
          process.stdout.write(
            `error: ${outcome.error.message}${outcome.error.nodeId ? ` (step "${outcome.error.nodeId}")` : ''}\n`,
          );
      }
      return outcome.status === 'succeeded' ? EXIT.ok : EXIT.runFailed;
    } finally {
      process.off('SIGINT', onSignal);
      sandbox.dispose();
      await registry.close();
      await store.close();
    }
  });
}
