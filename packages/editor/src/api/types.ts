// Shapes of the server's JSON API as the editor reads them.
import type { FlowDefinition, JsonValue } from '../model/flow-types.js';
import type { Problem } from '../model/problems.js';
import type { RunStatus, StepView } from '../model/run-state.js';

export interface User {
  id: string;
  email: string;
  role: string;
}

export interface RunRef {
  id: string;
  status: RunStatus;
  createdAt: number | string;
}

export interface FlowSummary {
  id: string;
  name: string;
  active: boolean;
  activeVersion?: number | null;
  updatedAt: number | string;
  trigger: string | { connector: string; trigger: string };
  lastRun?: RunRef | null;
}

export interface FlowRecord {
  id: string;
  name: string;
  definition: FlowDefinition;
  activeVersion?: number | null;
  active: boolean;
  createdAt: number | string;
  updatedAt: number | string;
}

export interface FlowVersion {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  createdAt: number | string;
}

export interface RunSummary {
  id: string;
  flowId: string;
  flowVersion?: number | null;
  triggerKind: string;
  status: RunStatus;
  createdAt: number | string;
  startedAt?: number | null;
  endedAt?: number | null;
  error?: { message: string; code?: string } | null;
}

export interface RunDetail extends RunSummary {
  input?: JsonValue;
  output?: JsonValue;
  steps: StepView[];
}

export interface LogItem {
  id?: string | number;
  stepKey?: string | null;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  at: number;
}

export interface Credential {
  id: string;
  connector: string;
  name: string;
  kind: string;
  status: 'connected' | 'needs_reconnect' | 'error';
  lastUsedAt?: number | string | null;
}

export interface StepTestResult {
  status?: 'succeeded' | 'failed';
  input?: JsonValue;
  output?: JsonValue;
  durationMs?: number;
  error?: { message: string; code?: string; [key: string]: unknown };
  logs?: { level: string; message: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type { Problem };

export function toTime(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
