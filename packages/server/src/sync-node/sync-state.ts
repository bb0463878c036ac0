// Where `sync@1.records` nodes keep their cursors on a server: the trigger-state table, one row per flow and
// node (trigger key `sync:<node id>`), so a pass goes on from where the last pass of the same flow stopped,
// the cursor is copied with the flow (`weft db copy`) and deleted with it.
import type { SyncStateStore } from '@weft/sdk/runtime';
import type { Store } from '@weft/store';

export const syncStateKey = (nodeId: string): string => `sync:${nodeId}`;

export function createStoreSyncState(store: Store): SyncStateStore {
  const flowOf = async (runId: string) => (await store.runs.get(runId))?.flowId;
  return {
    async read({ runId, nodeId }) {
      const flowId = await flowOf(runId);
      const row = flowId ? await store.triggerState.get({ flowId, triggerKey: syncStateKey(nodeId) }) : undefined;
      return typeof row?.cursor === 'string' ? row.cursor : undefined;
    },
    async write({ runId, nodeId }, cursor) {
      const flowId = await flowOf(runId);
      if (flowId) await store.triggerState.setCursor({ flowId, triggerKey: syncStateKey(nodeId), cursor });
    },
  };
}
