// A connector's icon from its manifest: an image URL, an inline SVG (rendered as an image, never as HTML) or text.
import { iconKind } from '../model/catalog.js';

export function ConnectorIcon({ icon, size = 28 }: { icon: string; size?: number }) {
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
  return (
    <span className="connector-icon text" style={style} aria-hidden="true">
      {icon}
    </span>
  );
}
