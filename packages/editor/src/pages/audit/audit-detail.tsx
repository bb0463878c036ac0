// One audit entry in full: who, when, from which address, the request id, the target, how it went and what
// changed, read from model/audit-changes.ts (flow diffs by step, connection and field).
import type { AuditEntry } from '../../api/team-types.js';
import { actionLabel, describeChanges, type ChangeKind } from '../../model/audit-changes.js';
import { Button } from '../../ui/button.js';
import { formatTime, JsonBlock } from '../../ui/status.js';
import { actorText, targetText } from './audit-table.js';

const MARK: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~', detail: '·' };

export function AuditDetail({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const changes = describeChanges(entry.changes);
  return (
    <aside className="audit-detail" aria-labelledby="audit-detail-title" data-testid="audit-detail">
      <div className="section-header">
        <h2 id="audit-detail-title">{actionLabel(entry.action)}</h2>
        <Button size="small" variant="ghost" onClick={onClose} aria-label="Close entry">
          Close
        </Button>
      </div>
      <dl className="facts">
        <dt>When</dt>
        <dd>{formatTime(entry.at)}</dd>
        <dt>Who</dt>
        <dd>
          {actorText(entry.actor)}
          {entry.actor.id ? <span className="muted small"> {entry.actor.id}</span> : null}
        </dd>
        <dt>From</dt>
        <dd className="mono">{entry.ip ?? '—'}</dd>
        <dt>Request id</dt>
        <dd className="mono" data-testid="audit-request-id">
          {entry.requestId ?? '—'}
        </dd>
        <dt>Action</dt>
        <dd className="mono">{entry.action}</dd>
        <dt>Target</dt>
        <dd>
          {targetText(entry.target)}
          {entry.target.id && entry.target.name ? <span className="muted small"> {entry.target.id}</span> : null}
        </dd>
        <dt>Outcome</dt>
        <dd>{entry.outcome === 'success' ? 'Done' : `Refused${entry.error ? ` (${entry.error})` : ''}`}</dd>
      </dl>
      <h3>What changed</h3>
      {!changes.sections.length && changes.raw === undefined ? <p className="muted">Nothing recorded.</p> : null}
      {changes.sections.map((section) => (
        <section key={section.title} className="change-section">
          <h4>{section.title}</h4>
          <ul className="change-list" data-testid={`changes-${section.title.toLowerCase()}`}>
            {section.lines.map((line, i) => (
              <li key={i} className={`change change-${line.kind}`}>
                <span className="change-mark" aria-label={line.kind}>
                  {MARK[line.kind]}
                </span>
                <span className="change-subject">{line.subject}</span>
                {line.before !== undefined || line.after !== undefined ? (
                  <span className="change-values">
                    {line.before !== undefined ? <del>{line.before}</del> : null}
                    {line.before !== undefined && line.after !== undefined ? ' → ' : null}
                    {line.after !== undefined && line.kind === 'detail' ? line.after : null}
                    {line.after !== undefined && line.kind !== 'detail' ? <ins>{line.after}</ins> : null}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {changes.raw !== undefined ? <JsonBlock value={changes.raw} label="Changes (as recorded)" /> : null}
    </aside>
  );
}
