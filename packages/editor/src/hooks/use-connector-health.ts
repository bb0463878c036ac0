// Connector health, polled while a page shows it (connections, flows, the canvas): the server's report over its
// sliding window, indexed by connection. A failed poll keeps the last report and says why; a poll that reads
// the same report changes nothing.
import { useEffect, useMemo, useState } from 'react';
import type { ConnectorHealthReport } from '@weft/core/contract';
import { call, errorMessage } from '../api/client.js';
import { indexHealth, type HealthIndex } from '../model/connection-health.js';

/** How often health is read again (the server's window moves in 10-second steps). */
export const HEALTH_POLL_MS = 10_000;

export interface ConnectorHealthState {
  report: ConnectorHealthReport | undefined;
  index: HealthIndex;
  error: string | undefined;
}

export function useConnectorHealth(pollMs = HEALTH_POLL_MS): ConnectorHealthState {
  const [report, setReport] = useState<ConnectorHealthReport>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    let last = '';
    const load = () =>
      call('connectorHealth').then(
        (body) => {
          if (!live) return;
          const text = JSON.stringify(body);
          if (text !== last) setReport(body);
          last = text;
          setError(undefined);
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pollMs]);
  const index = useMemo(() => indexHealth(report), [report]);
  return { report, index, error };
}
