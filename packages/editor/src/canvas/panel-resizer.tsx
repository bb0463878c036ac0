// The side panel's edge: drag it (or focus it and press ←/→) to widen the panel for long mappings and code.
import type { KeyboardEvent, PointerEvent } from 'react';
import { panelWidth } from '../model/viewport.js';

export function PanelResizer({ width, onResize }: { width: number; onResize(width: number): void }) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = width;
    const move = (e: globalThis.PointerEvent) =>
      onResize(panelWidth(startWidth + startX - e.clientX, window.innerWidth));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowLeft' ? 40 : event.key === 'ArrowRight' ? -40 : 0;
    if (!step) return;
    event.preventDefault();
    onResize(panelWidth(width + step, window.innerWidth));
  };
  return (
    <div
      className="panel-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the side panel"
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="panel-resizer"
    />
  );
}
