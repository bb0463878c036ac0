import { describe, expect, it } from 'vitest';
import { fitLegibly, LEGIBLE_ZOOM, panelWidth } from './viewport.js';

describe('legible fit view', () => {
  const screen = { width: 1000, height: 600 };

  it('centres a flow that fits at a readable zoom', () => {
    const view = fitLegibly({ x: 0, y: 0, width: 600, height: 200 }, { x: 0, y: 0 }, screen);
    expect(view.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    expect(view.x + 300 * view.zoom).toBeCloseTo(500);
  });

  it('opens a 200-step flow at a readable zoom where it starts, instead of shrinking it', () => {
    const view = fitLegibly({ x: 0, y: -2000, width: 12_000, height: 6000 }, { x: 0, y: 0, height: 80 }, screen);
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    expect(view.x).toBe(48);
    expect(view.y + 40 * view.zoom).toBeCloseTo(300);
  });
});

describe('side panel width', () => {
  it('widens for long mappings and code, but leaves the canvas room', () => {
    expect(panelWidth(700, 1366)).toBe(700);
    expect(panelWidth(1200, 1366)).toBe(806);
    expect(panelWidth(100, 1366)).toBe(300);
  });
});
