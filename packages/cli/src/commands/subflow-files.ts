// Where `weft run` finds the flow a subflow step names. There is no server to publish flows to, so a child is a
// file, read as it is now:
//   - a reference with a `/` or ending in `.json` is a path relative to the calling flow's file;
//   - any other reference is a flow id: `<id>.json` beside the calling file, or `<id>/flow.json` beside it, or —
//     when the calling file is itself a `flow.json` (one folder per flow, as in examples/) — `../<id>/flow.json`.
// Each file is validated and stored as a published flow once per process, so its child runs are pinned to it.
import { WeftError, type ConnectorCatalog, type SubflowCall } from '@weft/core';
import type { ResolvedSubflow, SubflowResolver } from '@weft/server';
import type { Store } from '@weft/store';
import { access } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProblems, loadFlow } from './flow-file.js';

export function subflowFiles(options: { rootFile: string; store: Store; catalog: ConnectorCatalog }): SubflowResolver {
  const { store, catalog } = options;
  const rootFile = resolve(options.rootFile);
  const byPath = new Map<string, Promise<ResolvedSubflow>>();
  const fileOf = new Map<string, string>();

  const callerFile = async (call: SubflowCall): Promise<string> => {
    const parent = await store.runs.get(call.parentRunId);
    return (parent && fileOf.get(parent.flowId)) ?? rootFile;
  };

  const load = async (file: string, flowRef: string, call: SubflowCall): Promise<ResolvedSubflow> => {
    const loaded = await loadFlow(file, catalog).catch((error: unknown) => {
      throw fail('subflow_invalid', `subflow "${flowRef}": ${(error as Error).message}`, call);
    });
    if (!loaded.flow) {
      throw fail(
        'subflow_invalid',
        `subflow "${flowRef}" is not valid:\n${formatProblems(file, loaded.problems)}`,
        call,
      );
    }
    const record = await store.flows.create({ definition: loaded.flow });
    const version = await store.flows.publish(record.id);
    fileOf.set(record.id, file);
    return { flowId: record.id, flowVersion: version.version, definition: loaded.flow };
  };

  return async (flowRef, call) => {
    const from = await callerFile(call);
    const file = await locate(flowRef, from);
    if (!file) throw fail('subflow_not_found', `subflow: no flow file for "${flowRef}" near ${from}`, call);
    let resolved = byPath.get(file);
    if (!resolved) {
      resolved = load(file, flowRef, call);
      byPath.set(file, resolved);
      resolved.catch(() => byPath.delete(file));
    }
    return resolved;
  };
}

async function locate(flowRef: string, from: string): Promise<string | undefined> {
  const dir = dirname(from);
  const candidates =
    flowRef.includes('/') || flowRef.includes('\\') || flowRef.endsWith('.json')
      ? [resolve(dir, flowRef)]
      : [
          join(dir, `${flowRef}.json`),
          join(dir, flowRef, 'flow.json'),
          ...(basename(from) === 'flow.json' ? [join(dir, '..', flowRef, 'flow.json')] : []),
        ];
  for (const candidate of candidates) {
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

function fail(code: string, message: string, call: SubflowCall): WeftError {
  return new WeftError(code, message, { fault: 'user', retryable: false, nodeId: call.nodeId });
}
