// A JSON text box with its parse error below it, announced as an alert: the flow's test input and a trigger's
// sample event are edited the same way.
import { FormError } from './form-error.js';
export function JsonInput({
  value,
  onChange,
  label,
  rows,
  error,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  /** The accessible name of the text box. */
  label: string;
  rows: number;
  error: string | undefined;
  testId?: string;
}) {
  return (
    <>
      <textarea
        className="input mono"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
        data-testid={testId}
        spellCheck={false}
      />
      <FormError message={error} />
    </>
  );
}
