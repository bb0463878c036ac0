export { builtinCatalog, builtinTriggers } from './builtin-connectors.js';
export { HttpProblem, problemFor, problemMiddleware, type ProblemBody } from './http/problem.js';
export { createApp, type AppOptions } from './app.js';
export type { Services, ServerConfig } from './context.js';
export { RunEventBus } from './runs/event-bus.js';
export { RunWorker, type RunWorkerOptions } from './runs/run-worker.js';
export {
  createSubflowRunner,
  MAX_SUBFLOW_DEPTH,
  publishedFlows,
  type ResolvedSubflow,
  type SubflowResolver,
  type SubflowRunnerOptions,
} from './runs/subflow-runner.js';
export { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export {
  ConfigError,
  configTable,
  loadConfig,
  oauthKey,
  PROCESS_ROLES,
  VARIABLES,
  type ConfigProblem,
  type Environment,
  type OAuthClientSetting,
  type ProcessRole,
  type WeftConfig,
} from './config.js';
export {
  DEFAULT_LOGIN_LIMITS,
  LoginThrottle,
  MemoryFailureLog,
  type FailureLog,
  type LoginLimits,
} from './auth/login-throttle.js';
export { Scheduler, SCHEDULE_TRIGGER_KEY } from './triggers/scheduler.js';
export {
  Poller,
  POLL_TRIGGER_KEY,
  type PollingSource,
  type PollingSources,
  type PollRequest,
} from './triggers/poller.js';
export { builtinManifests } from './builtin-connectors.js';
