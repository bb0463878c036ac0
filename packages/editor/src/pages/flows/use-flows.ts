// The flows list's data and actions: load, create (blank or imported), duplicate, export, delete; each action
// reports a notice or an error instead of throwing.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api/client.js';
import type { FlowRecord, FlowSummary } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { duplicateDefinition } from '../../model/flow-edit.js';
import { exportFileName, exportFlow, importFlow } from '../../model/flow-file.js';
import { downloadText } from '../../ui/download.js';

export interface FlowsList {
  flows: FlowSummary[] | undefined;
  error: string | undefined;
  notice: string | undefined;
  reload(): void;
  create(definition: FlowRecord['definition']): Promise<void>;
  duplicate(flow: FlowSummary): Promise<void>;
  exportOne(flow: FlowSummary): Promise<void>;
  remove(flow: FlowSummary): Promise<void>;
  importFile(file: File): Promise<void>;
}

export function useFlows(): FlowsList {
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const reload = useCallback(() => {
    setError(undefined);
    call('listFlows')
      .then((body) => setFlows(body.items))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(reload, [reload]);

  const attempt = useCallback(
    async (action: () => Promise<string | void>) => {
      try {
        const done = await action();
        if (done) {
          setNotice(done);
          reload();
        }
      } catch (e) {
        const problems = e instanceof ApiError ? e.problems : [];
        setError(problems.length ? `${errorMessage(e)} ${problems.map((p) => p.message).join('; ')}` : errorMessage(e));
      }
    },
    [reload],
  );

  const create = useCallback(
    (definition: FlowRecord['definition']) =>
      attempt(async () => {
        const flow = await call('createFlow', { body: { definition } });
        navigate(`/flows/${encodeURIComponent(flow.id)}`);
      }),
    [attempt],
  );

  return {
    flows,
    error,
    notice,
    reload,
    create,
    duplicate: (summary) =>
      attempt(async () => {
        const flow = await call('getFlow', { params: { id: summary.id } });
        const copy = await call('createFlow', { body: { definition: duplicateDefinition(flow.definition) } });
        return `Created “${copy.name}”.`;
      }),
    exportOne: (summary) =>
      attempt(async () => {
        const flow = await call('getFlow', { params: { id: summary.id } });
        downloadText(exportFileName(flow.definition), exportFlow(flow.definition));
      }),
    remove: (summary) =>
      attempt(async () => {
        await call('deleteFlow', { params: { id: summary.id } });
        return `Deleted “${summary.name}”.`;
      }),
    importFile: async (file) => {
      const result = importFlow(await file.text());
      if (!result.ok) setError(`Cannot import ${file.name}: ${result.error}`);
      else await create(result.flow);
    },
  };
}
