// Retry and cancel of one run, with the action in progress (to disable the buttons) and the last failure.
import { useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import { navigate } from '../../app/router.js';

export interface RunActions {
  busy: boolean;
  error: string | undefined;
  /** `original`: the failed run's version, from the failed step; `current`: the live version, from the start. */
  retry(version: 'original' | 'current'): Promise<void>;
  cancel(): Promise<void>;
}

export function useRunActions(runId: string, refresh: () => Promise<unknown>): RunActions {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function run(label: string, action: () => Promise<void>) {
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false });
    } catch (e) {
      setState({ busy: false, error: `${label} failed: ${errorMessage(e)}` });
    }
  }

  return {
    busy: state.busy,
    error: state.error,
    retry: (version) =>
      run('Retry', async () => {
        const { runId: next } = await call('retryRun', { params: { id: runId }, body: { version } });
        navigate(`/runs/${encodeURIComponent(next)}`);
      }),
    cancel: () =>
      run('Cancel', async () => {
        await call('cancelRun', { params: { id: runId } });
        await refresh();
      }),
  };
}
