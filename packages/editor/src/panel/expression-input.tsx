// A text field that can hold plain text or `{{ }}` expressions, with a button opening the data picker that
// inserts at the caret. Keeps its own text while focused so JSON being typed is not reformatted under the user.
import { useEffect, useRef, useState } from 'react';
import { insertExpression, isExpression } from '../model/expression-picker.js';
import { ExpressionPicker } from './expression-picker.js';

export interface ExpressionInputProps {
  id: string;
  nodeId: string;
  label: string;
  value: string;
  onChange(text: string): void;
  multiline?: boolean;
  placeholder?: string;
  type?: 'text' | 'password';
  invalid?: boolean;
  describedBy?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
}

export function ExpressionInput(props: ExpressionInputProps) {
  const { id, nodeId, label, value, onChange, multiline } = props;
  const [text, setText] = useState(value);
  const [picking, setPicking] = useState(false);
  const focused = useRef(false);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const selection = useRef({ start: value.length, end: value.length });

  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);

  const remember = () => {
    const el = ref.current;
    if (el) selection.current = { start: el.selectionStart ?? text.length, end: el.selectionEnd ?? text.length };
  };

  const change = (next: string) => {
    setText(next);
    onChange(next);
  };

  const pick = (expression: string) => {
    const result = insertExpression(text, expression, selection.current);
    change(result.text);
    setPicking(false);
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(result.caret, result.caret);
      selection.current = { start: result.caret, end: result.caret };
    });
  };

  const common = {
    id,
    ref,
    value: text,
    placeholder: props.placeholder,
    'aria-invalid': props.invalid || undefined,
    'aria-describedby': props.describedBy,
    className: `input${isExpression(text) ? ' has-expression' : ''}`,
    onChange: (e: { target: { value: string } }) => change(e.target.value),
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      remember();
      setText(value);
    },
    onSelect: remember,
    onKeyUp: remember,
    spellCheck: false,
  };

  return (
    <div className="expression-input">
      <div className="expression-row">
        {multiline || text.includes('\n') ? (
          <textarea {...common} rows={Math.min(10, Math.max(3, text.split('\n').length))} />
        ) : (
          <input {...common} type={props.type ?? 'text'} inputMode={props.inputMode} autoComplete="off" />
        )}
        <button
          type="button"
          className="insert-data"
          aria-label={`Insert data into ${label}`}
          aria-expanded={picking}
          title="Insert data from earlier steps"
          onMouseDown={remember}
          onClick={() => setPicking(!picking)}
          data-testid={`insert-data-${id}`}
        >
          {'{ }'}
        </button>
      </div>
      {picking ? (
        <ExpressionPicker nodeId={nodeId} fieldLabel={label} onPick={pick} onClose={() => setPicking(false)} />
      ) : null}
    </div>
  );
}
