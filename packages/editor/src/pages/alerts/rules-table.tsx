// The alert rules as a form table: on/off, threshold (in the kind's unit), window in minutes, and for the flow
// success rate the runs it needs. Read-only for roles that may not save rules.
import { ALERT_KINDS, fromForms, ruleSentence, type FormProblems, type RuleForm } from '../../model/alert-rules.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [
  { label: 'On' },
  { label: 'Rule' },
  { label: 'Threshold' },
  { label: 'Window (min)' },
  { label: 'Min. runs' },
];

export function RulesTable({
  forms,
  problems,
  readOnly,
  onChange,
}: {
  forms: RuleForm[];
  problems: FormProblems;
  readOnly: boolean;
  onChange: (id: string, patch: Partial<RuleForm>) => void;
}) {
  return (
    <Table columns={COLUMNS} testId="alert-rules">
      {forms.map((form) => {
        const info = ALERT_KINDS[form.kind];
        const found = problems[form.id] ?? {};
        const parsed = fromForms([form]);
        const sentence = 'rules' in parsed ? ruleSentence(parsed.rules[0]!) : info.title;
        const field = (key: 'threshold' | 'windowMinutes' | 'minRuns', label: string) => (
          <>
            <input
              className="input rule-input"
              value={form[key]}
              disabled={readOnly}
              aria-label={`${label} of ${form.id}`}
              aria-invalid={found[key] ? true : undefined}
              data-testid={`rule-${form.id}-${key}`}
              onChange={(e) => onChange(form.id, { [key]: e.target.value })}
            />
            {key === 'threshold' && info.unit ? <span className="muted small rule-unit">{info.unit}</span> : null}
            {found[key] ? <span className="rule-problem">{found[key]}</span> : null}
          </>
        );
        return (
          <tr key={form.id} data-testid={`rule-${form.id}`}>
            <td>
              <input
                type="checkbox"
                checked={form.enabled}
                disabled={readOnly}
                aria-label={`Enable ${form.id}`}
                data-testid={`rule-${form.id}-enabled`}
                onChange={(e) => onChange(form.id, { enabled: e.target.checked })}
              />
            </td>
            <td>
              <div className="strong">{info.title}</div>
              <div className="muted small">{sentence}</div>
            </td>
            <td>{info.measured ? field('threshold', info.thresholdLabel) : <span className="muted">—</span>}</td>
            <td>{info.measured ? field('windowMinutes', 'Window in minutes') : <span className="muted">—</span>}</td>
            <td>
              {form.kind === 'flow_success_rate' ? (
                field('minRuns', 'Minimum finished runs')
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
