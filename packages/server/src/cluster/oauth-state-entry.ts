// Why: shared OAuth state stores keep the pending authorization as JSON outside the process; what comes back is
// checked field by field before the OAuth flow trusts it (a corrupt or foreign value reads as "no such state").
import type { JsonObject, JsonValue } from '@weft/core';
import type { OAuthStateEntry } from '@weft/sdk/runtime';
import { isJsonObject } from './json.js';

export function entryToJson(entry: OAuthStateEntry): JsonObject {
  return {
    connector: entry.connector,
    redirectUri: entry.redirectUri,
    scopes: [...entry.scopes],
    expiresAt: entry.expiresAt,
    ...(entry.codeVerifier === undefined ? {} : { codeVerifier: entry.codeVerifier }),
    ...(entry.data === undefined ? {} : { data: entry.data }),
  };
}

export function entryFromJson(value: JsonValue): OAuthStateEntry | undefined {
  if (!isJsonObject(value)) return undefined;
  const { connector, redirectUri, scopes, expiresAt, codeVerifier, data } = value;
  if (typeof connector !== 'string' || typeof redirectUri !== 'string' || typeof expiresAt !== 'number') {
    return undefined;
  }
  if (!Array.isArray(scopes)) return undefined;
  const scopeList = scopes.filter((scope): scope is string => typeof scope === 'string');
  if (scopeList.length !== scopes.length) return undefined;
  if (codeVerifier !== undefined && typeof codeVerifier !== 'string') return undefined;
  if (data !== undefined && !isJsonObject(data)) return undefined;
  return {
    connector,
    redirectUri,
    scopes: scopeList,
    expiresAt,
    ...(codeVerifier === undefined ? {} : { codeVerifier }),
    ...(data === undefined ? {} : { data }),
  };
}
