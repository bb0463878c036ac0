// The Operations page's data and actions: the retention policy (and a pass on demand), the dead letters with
// their selection and bulk retry (in batches the API takes), and the rejected webhooks.
import { useCallback, useEffect, useState } from 'react';
import type { RetentionSettings, WebhookRejection } from '@weft/core/contract';
import { call, errorMessage } from '../../api/client.js';
import {
  retryBatches,
  retrySummary,
  toggle,
  toggleAll,
  type DeadLetter,
  type RetryResult,
} from '../../model/operations.js';

export interface OperationsState {
  retention: RetentionSettings | undefined;
  deadLetters: DeadLetter[] | undefined;
  nextCursor: string | undefined;
  rejections: WebhookRejection[] | undefined;
  selected: ReadonlySet<string>;
  busy: boolean;
  error: string | undefined;
  notice: string | undefined;
  reload(): void;
  more(): void;
  select(id: string): void;
  selectAll(): void;
  retrySelected(): Promise<void>;
  prune(): Promise<void>;
}

const PAGE = 100;

export function useOperations(): OperationsState {
  const [retention, setRetention] = useState<RetentionSettings>();
  const [deadLetters, setDeadLetters] = useState<DeadLetter[]>();
  const [nextCursor, setNextCursor] = useState<string>();
  const [rejections, setRejections] = useState<WebhookRejection[]>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});

  const fail = (e: unknown) => setMessage({ error: errorMessage(e) });
  const reload = useCallback(() => {
    call('retention').then(setRetention, fail);
    call('deadLetters', { query: { limit: PAGE } }).then((page) => {
      setDeadLetters(page.items);
      setNextCursor(page.nextCursor);
      setSelected((s) => new Set(page.items.map((r) => r.id).filter((id) => s.has(id))));
    }, fail);
    call('webhookRejections', { query: { limit: 1000 } }).then((page) => setRejections(page.items), fail);
  }, []);
  useEffect(reload, [reload]);

  return {
    retention,
    deadLetters,
    nextCursor,
    rejections,
    selected,
    busy,
    error: message.error,
    notice: message.notice,
    reload,
    more() {
      if (!nextCursor) return;
      call('deadLetters', { query: { limit: PAGE, cursor: nextCursor } }).then((page) => {
        setDeadLetters((list) => [...(list ?? []), ...page.items]);
        setNextCursor(page.nextCursor);
      }, fail);
    },
    select: (id) => setSelected((s) => toggle(s, id)),
    selectAll: () => setSelected((s) => toggleAll(s, deadLetters ?? [])),
    async retrySelected() {
      const batches = retryBatches(selected, deadLetters ?? []);
      if (!batches.length) return;
      setBusy(true);
      const results: RetryResult[] = [];
      try {
        for (const runIds of batches) results.push(await call('retryDeadLetters', { body: { runIds } }));
        setMessage({ notice: retrySummary(results) });
      } catch (e) {
        setMessage({ error: `${results.length ? `${retrySummary(results)} Then: ` : ''}${errorMessage(e)}` });
      } finally {
        setBusy(false);
        setSelected(new Set());
        reload();
      }
    },
    async prune() {
      setBusy(true);
      try {
        const pass = await call('retentionPrune');
        setMessage({ notice: `Retention pass done: ${pass.deleted} run${pass.deleted === 1 ? '' : 's'} deleted.` });
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
        reload();
      }
    },
  };
}
