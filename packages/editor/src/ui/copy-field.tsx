// A secret or link shown once: read-only, selected on focus, with a Copy button that says when it worked.
import { useState } from 'react';
import { Button } from './button.js';

export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'no'>();

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <div className="copy-field">
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          className="input mono"
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <Button size="small" onClick={() => void copy()}>
        Copy
      </Button>
      <span className="muted small" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Select the text and copy it by hand.' : ''}
      </span>
    </div>
  );
}
