// The edited definition with its undo history and the last saved version (for "unsaved changes"). Edits apply
// synchronously (the history lives in a ref mirrored to state), so a caller can read what an edit produced.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FlowDefinition } from '../model/flow-types.js';
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from '../model/history.js';

export interface FlowDocument {
  flow: FlowDefinition;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Applies an edit and returns the new definition. */
  edit(next: (flow: FlowDefinition) => FlowDefinition, coalesce?: string): FlowDefinition;
  undo(): void;
  redo(): void;
  markSaved(flow: FlowDefinition): void;
}

export function useFlowDocument(initial: FlowDefinition): FlowDocument {
  const [history, setHistory] = useState<History<FlowDefinition>>(() => createHistory(initial));
  const current = useRef(history);
  const [saved, setSaved] = useState<FlowDefinition>(initial);
  const savedJson = useRef(JSON.stringify(initial));

  const apply = useCallback((next: History<FlowDefinition>) => {
    current.current = next;
    setHistory(next);
    return next.present;
  }, []);

  const edit = useCallback(
    (next: (flow: FlowDefinition) => FlowDefinition, coalesce?: string) =>
      apply(record(current.current, next(current.current.present), coalesce === undefined ? {} : { coalesce })),
    [apply],
  );

  const markSaved = useCallback((flow: FlowDefinition) => {
    savedJson.current = JSON.stringify(flow);
    setSaved(flow);
  }, []);

  const dirty = useMemo(
    () => history.present !== saved && JSON.stringify(history.present) !== savedJson.current,
    [history.present, saved],
  );

  return {
    flow: history.present,
    dirty,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    edit,
    undo: useCallback(() => void apply(undo(current.current)), [apply]),
    redo: useCallback(() => void apply(redo(current.current)), [apply]),
    markSaved,
  };
}
