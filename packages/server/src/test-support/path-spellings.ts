// Test helper: other spellings of a route's path — letter case, trailing and doubled slashes, dot segments,
// backslashes, percent-encoded separators, dots and plain letters, control bytes. None of them may reach the
// route; each is generated from the route's static segments, so params keep their values.

/** `path` is concrete (params filled in); `template` says which segments are static (`{param}` are not). */
export function pathSpellings(template: string, path: string): string[] {
  const segments = path.slice(1).split('/');
  const statics = template
    .slice(1)
    .split('/')
    .map((segment, i) => (segment.startsWith('{') ? -1 : i))
    .filter((i) => i >= 0);
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const withSegment = (i: number, value: string) => join(segments.map((s, j) => (j === i ? value : s)));
  const first = statics[0]!;
  const last = statics[statics.length - 1]!;
  const rest = path.slice(segments[0]!.length + 1);
  const spellings = [
    path.toUpperCase(),
    withSegment(first, capitalise(segments[first]!)),
    withSegment(last, segments[last]!.toUpperCase()),
    `${path}/`,
    `/${path}`,
    `/${segments[0]}/${rest}`,
    `/${segments[0]}/.${rest}`,
    `/${segments[0]}/x/..${rest}`,
    `/${segments[0]}/%2e${rest}`,
    `/${segments[0]}/x/%2E%2E${rest}`,
    `/${segments[0]}%2F${rest.slice(1)}`,
    `/${segments[0]}%2f${rest.slice(1)}`,
    `/${segments[0]}\\${rest.slice(1)}`,
    withSegment(first, `%${segments[first]!.charCodeAt(0).toString(16)}${segments[first]!.slice(1)}`),
    withSegment(
      last,
      `${segments[last]!.slice(0, -1)}%${segments[last]!.charCodeAt(segments[last]!.length - 1)
        .toString(16)
        .toUpperCase()}`,
    ),
    `${path}%00`,
    `${path}/.`,
  ];
  if (segments.length === 1) spellings.push(`/x/..${path}`, `/.${path}`);
  return [...new Set(spellings)].filter((spelling) => spelling !== path);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
