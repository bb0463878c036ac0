import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo } from './history.js';

describe('undo history', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
  });

  it('forgets the redo branch after a new edit', () => {
    let h = record(record(createHistory(1), 2), 3);
    h = record(undo(h), 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('merges edits with the same key within the window into one step', () => {
    let h = createHistory('');
    h = record(h, 'H', { coalesce: 'name', now: 0 });
    h = record(h, 'Hi', { coalesce: 'name', now: 500 });
    h = record(h, 'Hi!', { coalesce: 'name', now: 900 });
    expect(undo(h).present).toBe('');
    h = record(h, 'Hi!?', { coalesce: 'name', now: 5000 });
    expect(undo(h).present).toBe('Hi!');
  });

  it('ignores a no-op and keeps a bounded past', () => {
    const h = createHistory({ v: 1 });
    expect(record(h, h.present)).toBe(h);
    let long = createHistory(0);
    for (let i = 1; i <= 10; i++) long = record(long, i, { limit: 3 });
    expect(long.past).toEqual([7, 8, 9]);
  });
});
