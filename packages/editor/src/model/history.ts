// Undo/redo of the edited document: an immutable stack of snapshots. Consecutive edits with the same
// coalescing key (typing in one field, dragging one node) merge into a single undo step.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Key and time of the last recorded edit, for coalescing. */
  last?: { key: string; at: number };
}

export interface RecordOptions {
  /** Edits with the same key within `windowMs` of each other become one undo step. */
  coalesce?: string;
  now?: number;
  windowMs?: number;
  limit?: number;
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

export function record<T>(history: History<T>, next: T, options: RecordOptions = {}): History<T> {
  if (next === history.present) return history;
  const now = options.now ?? Date.now();
  const windowMs = options.windowMs ?? 1000;
  const { coalesce } = options;
  const merge = coalesce !== undefined && history.last?.key === coalesce && now - history.last.at <= windowMs;
  const limit = options.limit ?? 200;
  const past = merge ? history.past : [...history.past, history.present].slice(-limit);
  const result: History<T> = { past, present: next, future: [] };
  if (coalesce !== undefined) result.last = { key: coalesce, at: now };
  return result;
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...future] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future };
}

export const canUndo = <T>(history: History<T>): boolean => history.past.length > 0;
export const canRedo = <T>(history: History<T>): boolean => history.future.length > 0;
