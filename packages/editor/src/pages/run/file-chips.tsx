// The files a step's input or output refers to, as chips: name, type and size, with a download link (the
// server answers it as an attachment, for the roles that may read runs).
import { fileChips, fileDownloadUrl, formatSize } from '../../model/file-refs.js';

export function FileChips({ value, runId, label }: { value: unknown; runId: string; label: string }) {
  const chips = fileChips(value);
  if (!chips.length) return null;
  return (
    <ul className="file-chips" aria-label={`Files of the ${label.toLowerCase()}`} data-testid="file-chips">
      {chips.map((chip) => (
        <li key={`${chip.path}:${chip.id}`} className="file-chip" title={chip.path || undefined}>
          <span className="file-chip-name">{chip.name}</span>{' '}
          <span className="muted small">
            {chip.type} · {formatSize(chip.size)}
          </span>{' '}
          <a href={fileDownloadUrl(runId, chip.id)} download={chip.name} rel="noopener">
            Download
          </a>
        </li>
      ))}
    </ul>
  );
}
