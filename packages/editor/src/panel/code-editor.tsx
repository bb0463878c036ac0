// CodeMirror 6 for code steps (its own chunk). Problems from the server's static check become inline diagnostics.
import { javascript } from '@codemirror/lang-javascript';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { Problem } from '../model/problems.js';

/** Maps "(line L, column C)" in a problem message to a document range. */
function diagnostics(view: EditorView, problems: Problem[]): Diagnostic[] {
  const doc = view.state.doc;
  return problems.map((p) => {
    const match = /line (\d+)(?:, column (\d+))?/.exec(p.message);
    let from = 0;
    let to = doc.length;
    if (match) {
      const line = doc.line(Math.min(Math.max(1, Number(match[1])), doc.lines));
      from = Math.min(line.to, line.from + Math.max(0, Number(match[2] ?? 1) - 1));
      to = line.to > from ? line.to : from;
    }
    return { from, to, severity: 'error', message: p.message };
  });
}

export function CodeEditor({
  id,
  value,
  onChange,
  problems,
}: {
  id: string;
  value: string;
  onChange(code: string): void;
  problems: Problem[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const problemsRef = useRef(problems);
  problemsRef.current = problems;

  useEffect(() => {
    const editor = new EditorView({
      doc: value,
      parent: host.current!,
      extensions: [
        basicSetup,
        javascript(),
        lintGutter(),
        linter((v) => diagnostics(v, problemsRef.current), { delay: 200 }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ id, 'aria-label': 'Code', 'aria-multiline': 'true' }),
        EditorView.theme({ '&': { fontSize: '13px', maxHeight: '420px' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor owns its document after creation; outside changes (undo, restore) are applied below.
  }, []);

  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [problems]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
