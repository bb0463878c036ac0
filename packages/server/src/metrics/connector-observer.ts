// The SDK's HTTP observer (connector requests, retries, rate-limit waits) feeding the metrics and whoever else
// listens (connector health). Action labels: the action key, or `-` for triggers and polls.
import type { HttpObserver, RequestObservation } from '@weft/sdk/runtime';
import type { MetricSet } from './registry.js';

export function connectorObserver(metrics: MetricSet, also: (observation: RequestObservation) => void): HttpObserver {
  return {
    request(observation) {
      const action = observation.action ?? '-';
      const { connector } = observation;
      metrics.connectorRequests.inc({ connector, action, status: String(observation.outcome) });
      if (observation.outcome !== 'circuit_open')
        metrics.connectorLatency.observe({ connector, action }, observation.durationMs / 1000);
      also(observation);
    },
    retry({ connector, action, reason }) {
      metrics.connectorRetries.inc({ connector, action: action ?? '-', reason });
    },
    rateLimitWait({ connector, per, waitedMs }) {
      metrics.rateLimitWaits.inc({ connector, per });
      metrics.rateLimitWaitSeconds.inc({ connector, per }, waitedMs / 1000);
    },
  };
}
