// The publish check of `sync@1.records` steps beyond their schema: the settings a schema cannot check (an
// incremental pass needs a cursor field...), and the actions the step calls — installed, and with a connection
// that exists wherever their connector needs one, since those connections sit inside the step's settings.
import { parseActionRef, pointerOf, type FlowDefinition, type JsonObject, type Problem } from '@weft/core';
import { syncConfigProblems } from '@weft/sdk/runtime';
import type { Services } from '../context.js';

const CALLS = ['source', 'upsert', 'delete', 'ids'] as const;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const isSyncStep = (use: string): boolean => parseActionRef(use)?.connector === 'sync';

export async function syncStepProblems(services: Services, flow: FlowDefinition): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [i, step] of flow.steps.entries()) {
    if (!isSyncStep(step.use)) continue;
    const config = step.config ?? {};
    const at = (...path: (string | number)[]) => pointerOf('steps', i, 'config', ...path);
    for (const problem of syncConfigProblems(config)) {
      const key = problem.pointer.split('/')[1] ?? '';
      problems.push({
        code: 'invalid_config',
        nodeId: step.id,
        pointer: pointerOf('steps', i, 'config') + problem.pointer,
        field: `config.${key}`,
        message: problem.message,
      });
    }
    for (const key of CALLS) {
      const call = config[key];
      if (!call || typeof call !== 'object' || Array.isArray(call)) continue;
      const { use, credential } = call as JsonObject;
      if (typeof use !== 'string' || isSyncStep(use)) continue;
      if (!services.catalog.hasAction(use)) {
        problems.push({
          code: 'invalid_config',
          nodeId: step.id,
          pointer: at(key, 'use'),
          field: `config.${key}`,
          message: `No installed connector provides "${use}"`,
        });
        continue;
      }
      const spec = services.catalog.describeAction?.({ use });
      const exists = typeof credential === 'string' && (await services.store.credentials.get(credential));
      if ((spec?.connection && !credential) || (typeof credential === 'string' && !exists)) {
        problems.push({
          code: 'missing_connection',
          nodeId: step.id,
          pointer: at(key, 'credential'),
          field: `config.${key}`,
          message: credential
            ? 'The connection chosen here no longer exists: choose or add another'
            : `${capitalize(spec?.connection ?? 'a connection')} is needed here: choose or add a connection`,
        });
      }
    }
  }
  return problems;
}
