// Deep paths into JSON values: `customer.address.city`, `lines[0].sku`, `lines.0.sku`, `['odd.key']`.
// Setting creates the objects (or, before a numeric segment, the lists) on the way. Segments that would reach
// an object's prototype (`__proto__`, `constructor`, `prototype`) are refused.
import { ConnectorError } from '@weft/sdk';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Segment = string | number;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[(['"])(.*?)\3\]/g;
  for (const match of path.trim().matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[4]!);
  }
  for (const segment of segments) {
    if (typeof segment === 'string' && FORBIDDEN.has(segment)) {
      throw new ConnectorError({
        kind: 'validation',
        message: `The path "${path}" uses the reserved name "${segment}"`,
      });
    }
  }
  return segments;
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function getPath(value: Json | undefined, path: string): Json | undefined {
  let current: Json | undefined = value;
  for (const segment of parsePath(path)) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** Sets `path` in `target` (mutated), creating containers on the way. An empty path is refused. */
export function setPath(target: Json, path: string, value: Json): void {
  const segments = parsePath(path);
  if (segments.length === 0) throw new ConnectorError({ kind: 'validation', message: 'A field path cannot be empty' });
  let current: Json = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const lastSegment = i === segments.length - 1;
    const nextIsIndex = typeof segments[i + 1] === 'number';
    if (Array.isArray(current) && typeof segment === 'number') {
      if (lastSegment) current[segment] = value;
      else {
        if (current[segment] === null || typeof current[segment] !== 'object') current[segment] = nextIsIndex ? [] : {};
        current = current[segment]!;
      }
    } else if (isObject(current)) {
      const key = String(segment);
      if (lastSegment) current[key] = value;
      else {
        if (current[key] === null || typeof current[key] !== 'object') current[key] = nextIsIndex ? [] : {};
        current = current[key]!;
      }
    } else {
      throw new ConnectorError({
        kind: 'validation',
        message: `Cannot set "${path}": "${segments.slice(0, i).join('.')}" is not an object`,
      });
    }
  }
}

/** Removes `path` from `target` (mutated); true when something was there. */
export function deletePath(target: Json, path: string): boolean {
  const segments = parsePath(path);
  const last = segments.pop();
  if (last === undefined) return false;
  let parent: Json | undefined = target;
  for (const segment of segments) {
    if (Array.isArray(parent) && typeof segment === 'number') parent = parent[segment];
    else if (isObject(parent)) parent = parent[String(segment)];
    else return false;
  }
  if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) {
    parent.splice(last, 1);
    return true;
  }
  if (isObject(parent) && Object.hasOwn(parent, String(last))) {
    delete parent[String(last)];
    return true;
  }
  return false;
}
