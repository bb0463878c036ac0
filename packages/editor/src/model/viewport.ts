// Fit view that never shrinks node titles below a legible size: a flow that fits at a readable zoom is centred;
// a bigger one (200 steps) opens at the readable zoom where it starts, at its trigger, and scrolls from there.

/** Below this zoom the 14 px node titles fall under 10 px on screen. */
export const LEGIBLE_ZOOM = 0.72;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function fitLegibly(
  bounds: Rect,
  start: { x: number; y: number; height?: number },
  screen: { width: number; height: number },
  options: { padding?: number; maxZoom?: number } = {},
): Viewport {
  const padding = options.padding ?? 0.3;
  const maxZoom = options.maxZoom ?? 1.1;
  const fits = Math.min(
    screen.width / Math.max(1, bounds.width * (1 + padding)),
    screen.height / Math.max(1, bounds.height * (1 + padding)),
    maxZoom,
  );
  if (fits >= LEGIBLE_ZOOM) {
    return {
      zoom: fits,
      x: screen.width / 2 - (bounds.x + bounds.width / 2) * fits,
      y: screen.height / 2 - (bounds.y + bounds.height / 2) * fits,
    };
  }
  // Too big to read whole: show where it starts, the trigger near the left edge, vertically centred.
  const zoom = LEGIBLE_ZOOM;
  const margin = 48;
  return { zoom, x: margin - start.x * zoom, y: screen.height / 2 - (start.y + (start.height ?? 80) / 2) * zoom };
}

/** The side panel's width while dragging its edge or pressing arrows on it: wide enough for forms, never the canvas. */
export function panelWidth(wanted: number, windowWidth: number): number {
  return Math.round(Math.min(Math.max(wanted, 300), Math.max(300, windowWidth - 560)));
}
