// The Prometheus metrics of one runtime: a registry of its own (several runtimes may share a process in tests)
// and every metric's definition. Label values are bounded: flow ids (as many as flows), statuses, problem codes,
// connector and action keys, hosts of connectors — never run ids, paths or anything a caller chooses freely.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a mapping's few ms to long runs. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export function defineMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'weft_' });
  const on = [registry];
  return {
    registry,
    runsStarted: new Counter({
      name: 'weft_runs_started_total',
      help: 'Runs started (again after a takeover too), by flow',
      labelNames: ['flow'],
      registers: on,
    }),
    runsFinished: new Counter({
      name: 'weft_runs_finished_total',
      help: 'Runs finished, by flow and final status',
      labelNames: ['flow', 'status'],
      registers: on,
    }),
    runDuration: new Histogram({
      name: 'weft_run_duration_seconds',
      help: 'Run duration from start to finish, by flow and status',
      labelNames: ['flow', 'status'],
      buckets: DURATION_BUCKETS,
      registers: on,
    }),
    stepDuration: new Histogram({
      name: 'weft_step_duration_seconds',
      help: 'Step attempt duration, by flow and step status',
      labelNames: ['flow', 'status'],
      buckets: DURATION_BUCKETS,
      registers: on,
    }),
    queueWait: new Histogram({
      name: 'weft_queue_wait_seconds',
      help: 'Time a run waited between being created and starting, by flow',
      labelNames: ['flow'],
      buckets: DURATION_BUCKETS,
      registers: on,
    }),
    stepsResumed: new Counter({
      name: 'weft_steps_resumed_total',
      help: 'Steps run again after their run was interrupted (crash recovery), by flow',
      labelNames: ['flow'],
      registers: on,
    }),
    leasesTakenOver: new Counter({
      name: 'weft_leases_taken_over_total',
      help: 'Runs whose worker stopped, taken over by this process when their lease expired',
      registers: on,
    }),
    runsExecuting: new Gauge({
      name: 'weft_runs_executing',
      help: 'Runs executing in this process now',
      registers: on,
    }),
    runsWaiting: new Gauge({
      name: 'weft_runs_waiting',
      help: "Webhook runs waiting in this process's backlog for a worker slot (queue depth)",
      registers: on,
    }),
    webhooksHeld: new Gauge({
      name: 'weft_webhooks_waiting',
      help: 'Webhook deliveries waiting for a place in this saturated process, their body not read yet (admission)',
      registers: on,
    }),
    runsQueued: new Gauge({
      name: 'weft_runs_queued',
      help: 'Runs waiting in the persisted queue for a worker (all processes of the database)',
      registers: on,
    }),
    oldestQueuedAge: new Gauge({
      name: 'weft_queue_oldest_age_seconds',
      help: 'How long the oldest queued run has waited (0 when none waits)',
      registers: on,
    }),
    webhooksReceived: new Counter({
      name: 'weft_webhooks_received_total',
      help: 'Webhook deliveries accepted (answered below 400), by flow',
      labelNames: ['flow'],
      registers: on,
    }),
    webhooksRejected: new Counter({
      name: 'weft_webhooks_rejected_total',
      help: 'Webhook deliveries refused, by reason (the problem code)',
      labelNames: ['reason'],
      registers: on,
    }),
    connectorRequests: new Counter({
      name: 'weft_connector_requests_total',
      help: 'Outbound connector request attempts, by connector, action and status (HTTP status, timeout, network, circuit_open)',
      labelNames: ['connector', 'action', 'status'],
      registers: on,
    }),
    connectorLatency: new Histogram({
      name: 'weft_connector_request_duration_seconds',
      help: 'Outbound connector request latency, by connector and action',
      labelNames: ['connector', 'action'],
      buckets: DURATION_BUCKETS,
      registers: on,
    }),
    connectorRetries: new Counter({
      name: 'weft_connector_retries_total',
      help: 'Outbound requests retried, by connector, action and reason (status, timeout, network)',
      labelNames: ['connector', 'action', 'reason'],
      registers: on,
    }),
    rateLimitWaits: new Counter({
      name: 'weft_connector_rate_limit_waits_total',
      help: 'Requests that waited for a connector rate limit, by connector and scope (connector, credential)',
      labelNames: ['connector', 'per'],
      registers: on,
    }),
    rateLimitWaitSeconds: new Counter({
      name: 'weft_connector_rate_limit_wait_seconds_total',
      help: 'Time spent waiting for connector rate limits, by connector and scope',
      labelNames: ['connector', 'per'],
      registers: on,
    }),
    breakerState: new Gauge({
      name: 'weft_circuit_breaker_state',
      help: 'Circuit breaker per connector and host: 0 closed, 1 half-open, 2 open',
      labelNames: ['connector', 'host'],
      registers: on,
    }),
    sandboxEvaluations: new Counter({
      name: 'weft_sandbox_evaluations_total',
      help: 'Sandbox evaluations (mappings, code steps), by outcome (ok, error, timeout, memory)',
      labelNames: ['outcome'],
      registers: on,
    }),
    sandboxAbandoned: new Counter({
      name: 'weft_sandbox_abandoned_isolates_total',
      help: 'Isolates V8 lost control of (their process was killed and replaced)',
      registers: on,
    }),
    sandboxProcessesKilled: new Counter({
      name: 'weft_sandbox_processes_killed_total',
      help: 'Sandbox processes killed for an abandoned isolate',
      registers: on,
    }),
  };
}

export type MetricSet = ReturnType<typeof defineMetrics>;
