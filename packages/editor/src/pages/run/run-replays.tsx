// The replay links of a run: the run it replays (its retryOf, when started by a replay) and the replays made of
// it, found among the flow's recent runs (the runs API lists retryOf).
import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import type { RunDetail } from '../../api/types.js';
import { shortRunId } from '../../model/run-labels.js';
import { replaysOf } from '../../model/replay-input.js';
import { Link } from '../../ui/link.js';

export function RunReplays({ detail }: { detail: RunDetail }) {
  const [replays, setReplays] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call('listRuns', { query: { flow: detail.flowId, limit: 200, tests: '1' } }).then(
      ({ items }) => live && setReplays(replaysOf(items, detail.id).map((run) => run.id)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [detail.flowId, detail.id]);
  const original = detail.triggerKind === 'replay' ? detail.retryOf : undefined;
  if (!original && !replays.length) return null;
  const link = (id: string, testId: string) => (
    <Link key={id} to={`/runs/${encodeURIComponent(id)}`} data-testid={testId}>
      {shortRunId(id)}
    </Link>
  );
  return (
    <p className="muted small" data-testid="run-replays">
      {original ? <>Replay of {link(original, 'replay-of')}. </> : null}
      {replays.length ? (
        <>
          Replayed as{' '}
          {replays.map((id, i) => (
            <span key={id}>
              {i ? ', ' : ''}
              {link(id, 'replayed-as')}
            </span>
          ))}
          .
        </>
      ) : null}
    </p>
  );
}
