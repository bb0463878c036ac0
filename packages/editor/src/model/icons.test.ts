import { describe, expect, it } from 'vitest';
import { iconFor } from './icons.js';

describe('icons', () => {
  it('draws the glyphs manifests use as SVG icons, Merge included', () => {
    expect(iconFor('⛙')).toEqual({ icon: 'merge' });
    expect(iconFor('🪝')).toEqual({ icon: 'webhook' });
    expect(iconFor('💳')).toEqual({ icon: 'card' });
  });

  it('falls back to a letter badge from the title for an unknown glyph', () => {
    expect(iconFor('🦄', 'Unicorn CRM')).toEqual({ letter: 'U' });
    expect(iconFor('◆')).toEqual({ letter: '•' });
  });
});
