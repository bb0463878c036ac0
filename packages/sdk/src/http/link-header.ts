// RFC 8288 Link headers: `<https://api.example/items?page=2>; rel="next", <...>; rel="last"`.

/** The target of the first link with relation `rel` (relations are case-insensitive, space-separated). */
export function linkWithRel(header: string | undefined, rel: string): string | undefined {
  if (!header) return undefined;
  const wanted = rel.toLowerCase();
  for (const link of splitLinks(header)) {
    const target = /^\s*<([^>]*)>/.exec(link);
    if (!target) continue;
    const params = link.slice(target[0].length);
    for (const param of params.matchAll(/;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]*))/gi)) {
      const relations = (param[1] ?? param[2] ?? '').toLowerCase().split(/\s+/);
      if (relations.includes(wanted)) return target[1];
    }
  }
  return undefined;
}

/** Splits at the commas between links, not those inside `<...>` or quoted parameter values. */
function splitLinks(header: string): string[] {
  const links: string[] = [];
  let start = 0;
  let inTarget = false;
  let inQuotes = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (inQuotes) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuotes = false;
    } else if (inTarget) {
      if (ch === '>') inTarget = false;
    } else if (ch === '<') inTarget = true;
    else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      links.push(header.slice(start, i));
      start = i + 1;
    }
  }
  links.push(header.slice(start));
  return links;
}
