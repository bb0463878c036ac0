// The messages between the host and a sandbox unit process (unit-process.ts), sent over Node's IPC channel
// with V8 serialization: tuples of strings and numbers only, so that a message costs one copy each way. Each
// side sends the messages of one tick as one array.
import type { IsolateConfig } from './isolate/setup-source.js';
import type { ScriptKind } from './script-source.js';

/** Given to the unit as its one command-line argument, as JSON. */
export interface UnitConfig {
  /** Isolates the unit may run at once, numbered 0..size-1 (the host's slots). */
  size: number;
  memoryLimitMb: number;
  config: IsolateConfig;
}

/** What a `run` message carries after its type; the unit's run function takes exactly these. */
export type RunArgs = [
  id: number,
  slot: number,
  hash: string,
  kind: ScriptKind,
  body: string,
  scopeJson: string,
  now: number,
  timeoutMs: number,
];

/** Host to unit. `run` carries the body only when the unit may not have it yet (an empty string otherwise). */
export type HostMessage = [type: 'run', ...RunArgs] | [type: 'warm', id: number] | [type: 'heap', id: number];

/** Unit to host. `fail` follows a call that did not complete: that slot's isolate is gone and replaced. */
export type UnitMessage =
  | [type: 'ready']
  | [type: 'ok', id: number, envelope: string]
  | [type: 'miss', id: number]
  | [type: 'fail', id: number, message: string]
  | [type: 'lost', slot: number, message: string]
  | [type: 'warmed', id: number]
  | [type: 'heap', id: number, isolates: number, usedBytes: number, totalBytes: number];
