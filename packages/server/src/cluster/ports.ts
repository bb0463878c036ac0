// Why: the cluster bus port is declared in @weft/core (cluster-bus.ts) so the store's PostgreSQL bus and the
// server's Redis and in-process buses implement one interface; here, how a bus reports what it cannot throw.
import type { BusErrorHandler } from '@weft/core';
export type { BusErrorHandler, BusHandler, ClusterBus } from '@weft/core';

export const reportToProcess: BusErrorHandler = (error) => {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), { code: 'WEFT_CLUSTER_BUS' });
};
