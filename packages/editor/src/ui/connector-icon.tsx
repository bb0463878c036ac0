// A connector's icon from its manifest: an image URL, an inline SVG (rendered as an image, never as HTML), or a
// text glyph drawn as one of Weft's SVG line icons (a letter badge when none fits), never as an emoji.
import { iconKind } from '../model/catalog.js';
import { ICON_PATHS, iconFor } from '../model/icons.js';

export function ConnectorIcon({ icon, size = 28, title }: { icon: string; size?: number; title?: string }) {
  const kind = iconKind(icon);
  const style = { width: size, height: size };
  if (kind === 'url') return <img className="connector-icon" src={icon} alt="" style={style} />;
  if (kind === 'svg')
    return (
      <img
        className="connector-icon"
        src={`data:image/svg+xml;utf8,${encodeURIComponent(icon)}`}
        alt=""
        style={style}
      />
    );
  const drawn = iconFor(icon, title);
  return (
    <span className="connector-icon drawn" style={style} aria-hidden="true">
      <svg viewBox="0 0 24 24" width={size * 0.62} height={size * 0.62}>
        {'icon' in drawn ? (
          <path
            d={ICON_PATHS[drawn.icon]}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        ) : (
          <text x="12" y="17" textAnchor="middle" fontSize="15" fontWeight="700" fill="currentColor">
            {drawn.letter}
          </text>
        )}
      </svg>
    </span>
  );
}
