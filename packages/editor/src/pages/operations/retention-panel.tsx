// The retention policy in force (from the WEFT_RETENTION_* variables, defaults documented in docs/operations.md),
// its schedule and the last pass; owners may run a pass now.
import type { RetentionSettings } from '@weft/core/contract';
import { lastPassText, retentionRows, retentionSchedule } from '../../model/operations.js';
import { Button } from '../../ui/button.js';
import { formatTime } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [{ label: 'Runs' }, { label: 'Policy' }, { label: 'Set by' }];

export function RetentionPanel({
  settings,
  mayPrune,
  busy,
  onPrune,
}: {
  settings: RetentionSettings;
  mayPrune: boolean;
  busy: boolean;
  onPrune: () => void;
}) {
  return (
    <section className="ops-section" aria-labelledby="retention-title" data-testid="retention">
      <h2 id="retention-title">Retention</h2>
      <p className="muted small">
        Finished runs the policy no longer keeps are deleted with their steps, logs and payloads. Queued and running
        runs are never deleted. {retentionSchedule(settings)}.
      </p>
      <Table columns={COLUMNS} testId="retention-policy">
        {retentionRows(settings).map((row) => (
          <tr key={row.variable}>
            <td>{row.what}</td>
            <td className="strong">{row.rule}</td>
            <td className="mono small muted">{row.variable}</td>
          </tr>
        ))}
      </Table>
      <dl className="definition-list" style={{ marginTop: 12 }}>
        <dt>Last pass</dt>
        <dd data-testid="retention-last-pass">
          {settings.lastPass ? `${formatTime(settings.lastPass.finishedAt)}: ` : ''}
          {lastPassText(settings)}
        </dd>
      </dl>
      {mayPrune ? (
        <Button size="small" disabled={busy} onClick={onPrune} testId="retention-prune">
          Run a pass now
        </Button>
      ) : null}
    </section>
  );
}
