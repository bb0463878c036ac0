// Keeping the open flow in step with the server: validation of the draft as it is edited, save, publish,
// activation. Problems come from the server only, so the editor and the engine never disagree.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call, errorMessage } from '../api/client.js';
import type { FlowRecord, FlowVersion, Problem } from '../api/types.js';
import type { FlowDefinition } from '../model/flow-types.js';
import { published, publishedMessage } from '../model/live-state.js';
import type { FlowDocument } from './use-flow-document.js';

export interface ServerSync {
  record: FlowRecord;
  problems: Problem[];
  validating: boolean;
  saving: boolean;
  save(): Promise<boolean>;
  publish(): Promise<FlowVersion | undefined>;
  setActive(active: boolean): Promise<void>;
}

export function useServerSync(
  initial: FlowRecord,
  doc: FlowDocument,
  report: (message: string, kind?: 'error' | 'info') => void,
): ServerSync {
  const [record, setRecord] = useState(initial);
  const recordRef = useRef(record);
  recordRef.current = record;
  const [problems, setProblems] = useState<Problem[]>([]);
  const [validating, setValidating] = useState(false);
  const [saving, setSaving] = useState(false);
  const draftEndpoint = useRef<'draft' | 'saved'>('draft');
  const flowRef = useRef(doc.flow);
  flowRef.current = doc.flow;
  const id = initial.id;

  const validate = useCallback(
    async (flow: FlowDefinition) => {
      setValidating(true);
      try {
        if (draftEndpoint.current === 'draft') {
          try {
            const body = await call('validateDefinition', { body: { definition: flow } });
            if (flowRef.current === flow) setProblems(body.problems ?? []);
            return;
          } catch (e) {
            // Older servers only validate saved flows.
            if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) throw e;
            draftEndpoint.current = 'saved';
          }
        }
        const body = await call('validateFlow', { params: { id } });
        if (flowRef.current === flow) setProblems(body.problems ?? []);
      } catch {
        // Validation is advisory while editing; save and publish report errors.
      } finally {
        setValidating(false);
      }
    },
    [id],
  );

  useEffect(() => {
    const timer = setTimeout(() => void validate(doc.flow), 500);
    return () => clearTimeout(timer);
  }, [doc.flow, validate]);

  const save = useCallback(async (): Promise<boolean> => {
    const flow = flowRef.current;
    setSaving(true);
    try {
      const saved = await call('saveFlow', { params: { id }, body: { definition: flow } });
      setRecord((r) => ({ ...r, ...saved }));
      doc.markSaved(flow);
      // Saved drafts may still miss what publishing needs (a field, a connection): check them again.
      void validate(flow);
      report('Saved.');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        setProblems(e.problems);
        report(
          `Not saved: the flow has ${e.problems.length} problem${e.problems.length > 1 ? 's' : ''}. Fix ${e.problems.length > 1 ? 'them' : 'it'} and save again.`,
          'error',
        );
      } else report(`Not saved: ${errorMessage(e)}`, 'error');
      return false;
    } finally {
      setSaving(false);
    }
  }, [doc, id, report, validate]);

  const publish = useCallback(async () => {
    if (problems.length) {
      report(
        `Cannot publish: the flow has ${problems.length} problem${problems.length > 1 ? 's' : ''}. They are marked on the nodes.`,
        'error',
      );
      return undefined;
    }
    if (doc.dirty && !(await save())) return undefined;
    try {
      const version = await call('publishFlow', { params: { id } });
      setRecord((r) => published(r, version.version));
      // Publishing and switching on are one action: a flow that was off is switched on with its new version.
      const wasOn = recordRef.current.active;
      if (!wasOn) {
        const next = await call('activateFlow', { params: { id } });
        setRecord((r) => ({ ...r, ...next }));
      }
      report(publishedMessage(version.version, !wasOn));
      return version;
    } catch (e) {
      if (e instanceof ApiError && e.problems.length)
        setProblems(e.problems.map((p) => ({ ...p, pointer: p.pointer.replace(/^\/definition/, '') })));
      report(`Not published: ${errorMessage(e)}`, 'error');
      return undefined;
    }
  }, [doc.dirty, id, problems.length, report, save]);

  const setActive = useCallback(
    async (active: boolean) => {
      try {
        const next = await call(active ? 'activateFlow' : 'deactivateFlow', { params: { id } });
        setRecord((r) => ({ ...r, ...(next ?? {}), active }));
        report(active ? 'Switched on: the trigger now starts runs.' : 'Switched off: the trigger starts nothing.');
      } catch (e) {
        if (e instanceof ApiError && e.problems.length)
          setProblems(e.problems.map((p) => ({ ...p, pointer: p.pointer.replace(/^\/definition/, '') })));
        report(`Not switched ${active ? 'on' : 'off'}: ${errorMessage(e)}`, 'error');
      }
    },
    [id, report],
  );

  return { record, problems, validating, saving, save, publish, setActive };
}
