// @weft/sandbox: user mappings and code steps evaluated in isolated-vm isolates.
export {
  IsolatePool,
  createSandbox,
  type EvaluationOutcome,
  type SandboxHealth,
  type SandboxOptions,
  type SandboxStats,
} from './isolate-pool.js';
export { STDLIB_FUNCTIONS } from './stdlib-functions.js';
