// Keyboard shortcuts of the editor. They stay out of the way while typing in a field.
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  undo(): void;
  redo(): void;
  save(): void;
  duplicate(): void;
  selectAll(): void;
  fit(): void;
  layout(): void;
  focusPalette(): void;
  escape(): void;
  help(): void;
}

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ Z', 'Undo'],
  ['Ctrl/⌘ Shift Z, Ctrl Y', 'Redo'],
  ['Ctrl/⌘ C / V', 'Copy / paste selected steps'],
  ['Ctrl/⌘ D', 'Duplicate selected steps'],
  ['Delete, Backspace', 'Delete selection'],
  ['Ctrl/⌘ A', 'Select all'],
  ['Ctrl/⌘ S', 'Save'],
  ['Shift F', 'Fit the flow in view'],
  ['Shift L', 'Auto-layout'],
  ['/', 'Search the palette'],
  ['Enter (on a palette item)', 'Add it to the flow'],
  ['Tab, Enter, arrows (on nodes)', 'Focus, select and move nodes'],
  ['Esc', 'Close the panel, clear selection'],
  ['?', 'Show shortcuts'],
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || Boolean(el.closest('.cm-editor'))
  );
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const h = ref.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        h.save();
        return;
      }
      if (typing(event.target) || document.querySelector('dialog[open]')) return;
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) h.redo();
        else h.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        h.redo();
      } else if (mod && key === 'd') {
        event.preventDefault();
        h.duplicate();
      } else if (mod && key === 'a') {
        event.preventDefault();
        h.selectAll();
      } else if (!mod && event.shiftKey && key === 'f') {
        h.fit();
      } else if (!mod && event.shiftKey && key === 'l') {
        h.layout();
      } else if (!mod && event.key === '/') {
        event.preventDefault();
        h.focusPalette();
      } else if (!mod && event.key === '?') {
        h.help();
      } else if (event.key === 'Escape') {
        h.escape();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
