// Operations: the retention policy in force, the dead letters with a bulk retry, and the rejected webhooks.
// Data and actions come from useOperations; the sections are parts in pages/operations/.
import { useEffect, useState } from 'react';
import { call } from '../api/client.js';
import { useSession } from '../app/session.js';
import { mayCall } from '../model/access.js';
import { Button } from '../ui/button.js';
import { Notice, PageHeader } from '../ui/page.js';
import { ErrorNote, Spinner } from '../ui/status.js';
import { DeadLettersTable } from './operations/dead-letters-table.js';
import { RejectionsTable } from './operations/rejections-table.js';
import { RetentionPanel } from './operations/retention-panel.js';
import { useOperations } from './operations/use-operations.js';

export function OperationsPage() {
  const { user } = useSession();
  const ops = useOperations();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    call('listFlows').then(
      (body) => setNames(new Map(body.items.map((f) => [f.id, f.name]))),
      () => undefined,
    );
  }, []);
  const flowName = (id: string) => names.get(id) ?? id;

  return (
    <main className="page" data-testid="operations-page">
      <PageHeader
        title="Operations"
        actions={
          <Button variant="ghost" onClick={ops.reload}>
            Refresh
          </Button>
        }
      />
      <ErrorNote error={ops.error} onRetry={ops.reload} />
      <Notice message={ops.notice} />
      {ops.deadLetters ? (
        <DeadLettersTable
          items={ops.deadLetters}
          selected={ops.selected}
          mayRetry={mayCall(user?.role, 'retryDeadLetters')}
          busy={ops.busy}
          hasMore={ops.nextCursor !== undefined}
          flowName={flowName}
          onSelect={ops.select}
          onSelectAll={ops.selectAll}
          onRetry={() => void ops.retrySelected()}
          onMore={ops.more}
        />
      ) : ops.error ? null : (
        <Spinner label="Loading dead letters" />
      )}
      {ops.retention ? (
        <RetentionPanel
          settings={ops.retention}
          mayPrune={mayCall(user?.role, 'retentionPrune')}
          busy={ops.busy}
          onPrune={() => void ops.prune()}
        />
      ) : null}
      {ops.rejections ? <RejectionsTable items={ops.rejections} flowName={flowName} /> : null}
    </main>
  );
}
