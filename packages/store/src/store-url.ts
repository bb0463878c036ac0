// Which database a store URL names: a SQLite file (plain path, `sqlite:path`, `file:` URL, `:memory:`) or PostgreSQL.
import { fileURLToPath } from 'node:url';
import { WeftError } from '@weft/core';

export type StoreTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export function parseStoreUrl(url: string): StoreTarget {
  const text = url.trim();
  if (text === '') throw invalidUrl(url, 'it is empty');
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', url: text };
  if (/^file:/i.test(text)) return { dialect: 'sqlite', path: fileURLToPath(text) };
  if (/^sqlite:/i.test(text)) {
    // `sqlite:data/weft.db`, `sqlite:///abs/weft.db`, `sqlite://rel/weft.db`, `sqlite::memory:`
    const rest = text.slice('sqlite:'.length);
    const path = rest.startsWith('///') ? rest.slice(2) : rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw invalidUrl(url, 'it names no file');
    return { dialect: 'sqlite', path };
  }
  // Anything else with a scheme (mysql://, http://) is a mistake, not a file name; drive letters are not schemes.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(text)) throw invalidUrl(url, 'only sqlite and postgres are supported');
  return { dialect: 'sqlite', path: text };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:\/\/([^:@/]*):[^@/]*@/, '://$1:***@');
  }
}

function invalidUrl(url: string, reason: string): WeftError {
  return new WeftError('store_config_invalid', `The database URL "${redactUrl(url)}" is not usable: ${reason}.`, {
    fault: 'user',
  });
}
