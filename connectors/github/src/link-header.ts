// RFC 8288 Link headers, as GitHub paginates with them: `<https://api.github.com/...&page=2>; rel="next", ...`.

/** The URL of the `rel` link, if the header has one. */
export function linkUrl(header: string | undefined, rel: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2]!)?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) return match[1];
  }
  return undefined;
}
