// Icons drawn as SVG, never as emoji (which render as empty boxes without an emoji font): the glyphs manifests
// use today map to a small set of line icons; anything else becomes a lettered badge.

/** SVG path data on a 24×24 grid, stroked. */
export const ICON_PATHS = {
  webhook: 'M9 7a3 3 0 1 1 4.5 2.6L16 14M6.5 17a3 3 0 1 1 1-4.4h6M17.5 11a3 3 0 1 1-1 5.9L13 12',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3 2',
  play: 'M8 5l11 7-11 7z',
  branch: 'M6 3v12M6 15a3 3 0 1 0 0 6a3 3 0 1 0 0-6M18 9a3 3 0 1 0 0-6a3 3 0 1 0 0 6M18 9c0 4-6 4-12 6',
  switch: 'M4 12h6M10 12l6-6h4M10 12h10M10 12l6 6h4',
  loop: 'M17 2l3 3-3 3M4 11V9a4 4 0 0 1 4-4h12M7 22l-3-3 3-3M20 13v2a4 4 0 0 1-4 4H4',
  merge: 'M5 4l7 8v8M19 4l-7 8',
  respond: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-2',
  box: 'M3 7l9-4 9 4-9 4zM3 7v10l9 4 9-4V7M12 11v10',
  map: 'M4 7h12M13 4l3 3-3 3M20 17H8M11 14l-3 3 3 3',
  code: 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  card: 'M3 6h18v12H3zM3 10h18M7 15h3',
  chat: 'M4 5h16v11H9l-5 4z',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  database: 'M5 6a7 3 0 1 0 14 0a7 3 0 1 0-14 0M5 6v12c0 1.7 3 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3 3 7 3s7-1.3 7-3',
  spark: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
  git: 'M6 3v18M6 8a3 3 0 1 0 0-.01M18 16a3 3 0 1 0 0-.01M18 13V9a3 3 0 0 0-3-3H9',
  wrench: 'M14 6a4 4 0 0 0 5 5l-8 8a2 2 0 0 1-3-3l8-8a4 4 0 0 0-2-2z',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  thread: 'M4 6h16M4 12h16M4 18h10',
} as const;

export type IconName = keyof typeof ICON_PATHS;

const BY_GLYPH: Record<string, IconName> = {
  '🪝': 'webhook',
  '⏰': 'clock',
  '🗓': 'clock',
  '⏱': 'clock',
  '⏱️': 'clock',
  '▶': 'play',
  '▶️': 'play',
  '🔀': 'branch',
  '⑂': 'branch',
  '🚦': 'switch',
  '⇶': 'switch',
  '🔁': 'loop',
  '↻': 'loop',
  '⛙': 'merge',
  '⋈': 'merge',
  '↩': 'respond',
  '↩️': 'respond',
  '📦': 'box',
  '⎘': 'box',
  '🧩': 'map',
  '⇄': 'map',
  '⌨️': 'code',
  '⌨': 'code',
  '🌐': 'globe',
  '💳': 'card',
  '💬': 'chat',
  '📧': 'mail',
  '🐘': 'database',
  '🤖': 'spark',
  '🔐': 'lock',
  '🐙': 'git',
  '🔧': 'wrench',
  '⚡': 'bolt',
  '🧵': 'thread',
};

/** The SVG icon for a manifest's text icon, or a letter badge (from the title) when none fits. */
export function iconFor(glyph: string, title = ''): { icon: IconName } | { letter: string } {
  const name = BY_GLYPH[glyph.trim()];
  if (name) return { icon: name };
  const letter = (title.trim() || glyph.trim())
    .replace(/[^\p{L}\p{N}]/gu, '')
    .charAt(0)
    .toUpperCase();
  return { letter: letter || '•' };
}
