// The code step's editor: CodeMirror 6, loaded only when a code step is opened. A plain textarea stands in
// while it loads (and if it fails to load), so the field is always usable.
import { lazy, Suspense } from 'react';
import type { Problem } from '../model/problems.js';
import { describedBy, FieldRow } from './field-row.js';

const CodeEditor = lazy(() => import('./code-editor.js').then((m) => ({ default: m.CodeEditor })));

export function CodeField({
  value,
  onChange,
  problems,
}: {
  value: string;
  onChange(code: string): void;
  problems: Problem[];
}) {
  const id = 'f-code';
  const fallback = (
    <textarea
      id={id}
      className="input code-fallback"
      value={value}
      rows={12}
      onChange={(e) => onChange(e.target.value)}
      spellCheck={false}
      aria-describedby={describedBy(id, 'x', problems)}
    />
  );
  return (
    <FieldRow
      id={id}
      label="Code"
      required
      description="A JavaScript function body. It can read trigger, steps, item and index, and returns the step’s output. console.log goes to the run’s logs."
      problems={problems}
      testId="field-code"
    >
      <Suspense fallback={fallback}>
        <CodeEditor id={id} value={value} onChange={onChange} problems={problems} />
      </Suspense>
    </FieldRow>
  );
}
