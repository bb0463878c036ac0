// Reading a value at a path in a JSON response: `data.items`, `meta.next_cursor`, `links[0].href` (pagination's
// item and cursor paths). An empty path is the value itself.

export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[(['"])(.*?)\3\]/g;
  for (const match of path.trim().matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[4]!);
  }
  return segments;
}

export function getPath(value: unknown, path: string | undefined): unknown {
  let current = value;
  for (const segment of pathSegments(path ?? '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current =
      Array.isArray(current) && typeof segment === 'number'
        ? current[segment]
        : (current as Record<string, unknown>)[segment];
  }
  return current;
}
