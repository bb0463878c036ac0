import { checkFlowScripts } from '@weft/core';
import { createSandbox } from '@weft/sandbox';
import { connectorRegistry } from './connectors.js';
import { EXIT } from '../exit-codes.js';
import { formatProblems, guard, loadFlow } from './flow-file.js';

export function validateCommand(path: string): Promise<void> {
  return guard(async () => {
    const registry = await connectorRegistry([]);
    const { flow, problems } = await loadFlow(path, registry).finally(() => registry.close());
    if (flow) {
      const sandbox = createSandbox({ size: 1 });
      try {
        problems.push(...(await checkFlowScripts(flow, sandbox)));
      } finally {
        sandbox.dispose();
      }
    }
    if (problems.length) {
      process.stderr.write(
        `${formatProblems(path, problems)}\n${problems.length} problem${problems.length === 1 ? '' : 's'} found\n`,
      );
      return EXIT.invalidFlow;
    }
    process.stdout.write(`${path}: valid (${flow!.steps.length} steps)\n`);
  });
}
