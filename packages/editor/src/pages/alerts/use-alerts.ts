// The Alerts page's data: the rules (as editable forms) and the history (firing now, then the notices newest
// first, read again every few seconds), and saving the edited rules.
import { useCallback, useEffect, useState } from 'react';
import type { AlertNoticeDto } from '@weft/core/contract';
import { ApiError, call, errorMessage } from '../../api/client.js';
import { fromForms, toForm, type FormProblems, type RuleForm } from '../../model/alert-rules.js';

export const HISTORY_POLL_MS = 5_000;

export interface AlertsState {
  forms: RuleForm[] | undefined;
  problems: FormProblems;
  dirty: boolean;
  history: { firing: AlertNoticeDto[]; items: AlertNoticeDto[] } | undefined;
  /** A flow's name by id (the history names flows by id). */
  flowName(id: string): string | undefined;
  error: string | undefined;
  notice: string | undefined;
  change(id: string, patch: Partial<RuleForm>): void;
  save(): Promise<void>;
  reset(): void;
  reload(): void;
}

export function useAlerts(tab: 'rules' | 'history'): AlertsState {
  const [forms, setForms] = useState<RuleForm[]>();
  const [saved, setSaved] = useState<RuleForm[]>();
  const [problems, setProblems] = useState<FormProblems>({});
  const [history, setHistory] = useState<AlertsState['history']>();
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});
  const [names, setNames] = useState<Map<string, string>>(new Map());

  const loadRules = useCallback(() => {
    call('alertRules').then(
      (body) => {
        const list = body.items.map(toForm);
        setForms(list);
        setSaved(list);
        setProblems({});
      },
      (e: unknown) => setMessage({ error: errorMessage(e) }),
    );
  }, []);
  useEffect(loadRules, [loadRules]);

  // A notice about the other tab's action is stale once the tab changes.
  useEffect(() => setMessage({}), [tab]);

  useEffect(() => {
    if (tab !== 'history') return;
    call('listFlows').then(
      (body) => setNames(new Map(body.items.map((f) => [f.id, f.name]))),
      () => undefined,
    );
  }, [tab]);

  useEffect(() => {
    if (tab !== 'history') return;
    let live = true;
    const load = () =>
      call('alertHistory', { query: { limit: 200 } }).then(
        (body) => live && setHistory(body),
        (e: unknown) => live && setMessage({ error: errorMessage(e) }),
      );
    void load();
    const timer = setInterval(() => void load(), HISTORY_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [tab]);

  return {
    forms,
    problems,
    dirty: JSON.stringify(forms) !== JSON.stringify(saved),
    history,
    flowName: (id) => names.get(id),
    error: message.error,
    notice: message.notice,
    change(id, patch) {
      setForms((list) => list?.map((form) => (form.id === id ? { ...form, ...patch } : form)));
    },
    async save() {
      if (!forms) return;
      const result = fromForms(forms);
      if ('problems' in result) {
        setProblems(result.problems);
        setMessage({ error: 'Some rules have mistakes; nothing was saved.' });
        return;
      }
      try {
        const body = await call('updateAlertRules', { body: { items: result.rules } });
        const list = body.items.map(toForm);
        setForms(list);
        setSaved(list);
        setProblems({});
        setMessage({ notice: 'Alert rules saved.' });
      } catch (e) {
        const detail =
          e instanceof ApiError && e.problems.length ? ` ${e.problems.map((p) => p.message).join('; ')}` : '';
        setMessage({ error: `${errorMessage(e)}${detail}` });
      }
    },
    reset() {
      setForms(saved);
      setProblems({});
    },
    reload: loadRules,
  };
}
