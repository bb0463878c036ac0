import { describe, expect, it } from 'vitest';
import { liveState, publishedMessage, publishLabel, published } from './live-state.js';

describe('live state', () => {
  it('says a never-published flow is not published, and offers to publish and switch it on', () => {
    const record = { active: false, activeVersion: null };
    expect(liveState(record)).toMatchObject({ tone: 'never', label: 'Not published' });
    expect(publishLabel(record)).toBe('Publish and switch on');
  });

  it('reports the published version right after a publish, even while the flow is off', () => {
    const after = published({ active: false, activeVersion: null }, 1);
    expect(liveState(after)).toMatchObject({ tone: 'off', label: 'Off · v1' });
    expect(liveState({ ...after, active: true })).toMatchObject({ tone: 'on', label: 'On · v1' });
  });

  it('offers to publish changes of a flow that is on, and says what happened in words', () => {
    expect(publishLabel({ active: true, activeVersion: 3 })).toBe('Publish changes');
    expect(publishedMessage(2, true)).toBe('Published version 2 and switched it on: the trigger now starts runs.');
  });
});
