// Weft's settings, in one schema: every environment variable with its default and meaning, parsed and checked
// once (a bad value is named with what was expected), then handed to the runtime and the CLI as one typed
// object. Nothing else reads the environment; the README's variable table is generated from this schema.
import { WeftError } from '@weft/core';
import { parseSecretKey } from '@weft/sdk/runtime';
import { DEFAULT_MAX_STORED_PAYLOAD_BYTES, type Role } from '@weft/store';

export type Environment = Readonly<Record<string, string | undefined>>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const PROCESS_ROLES = ['all', 'web', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface OAuthClientSetting {
  clientId: string;
  clientSecret?: string;
}

/** One pair of WEFT_OIDC_ROLE_MAP: members of the IdP group `group` get `role`. */
export interface RoleMapping {
  group: string;
  role: Role;
}

const ROLE_NAMES: readonly Role[] = ['viewer', 'operator', 'editor', 'owner'];

export interface WeftConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Absent: SQLite in the data directory. */
  databaseUrl: string | undefined;
  ownerEmail: string | undefined;
  ownerPassword: string | undefined;
  apiToken: string | undefined;
  /** Bearer token of `GET /metrics`; absent: the metrics endpoint is off (404) on the main port. */
  metricsToken: string | undefined;
  /** A port of its own serving only `/metrics` (token then optional); absent: none. */
  metricsPort: number | undefined;
  /** Alert notices are also POSTed here (JSON); absent: only to flows with the alert trigger. */
  alertWebhookUrl: string | undefined;
  /** How often each web process evaluates the alert rules (ms). */
  alertIntervalMs: number;
  /** Retention (days; 0 keeps): finished runs, failed runs, test runs; and finished runs kept per flow (0: all). */
  retentionDays: number;
  retentionFailedDays: number;
  retentionTestDays: number;
  retentionMaxRunsPerFlow: number;
  /** Audit entries are deleted after this many days (0 keeps them); apart from run history. */
  auditRetentionDays: number;
  /** How long an invite link and a password reset link stay usable (hours). */
  inviteTtlHours: number;
  passwordResetTtlHours: number;
  /** Base64 32-byte credential key; absent: a key file in the data directory. */
  secretKey: string | undefined;
  /** The key `weft credentials rotate-key` re-encrypts with; absent: generated. */
  newSecretKey: string | undefined;
  outboundAllow: string[];
  /** Absent: http://localhost:<port>. */
  publicUrl: string | undefined;
  corsOrigins: string[];
  concurrency: number;
  maxBacklog: number;
  /** Queued runs (shared queue) beyond which a process that only queues runs refuses webhooks; 0: no limit. */
  maxQueued: number;
  /** How long (ms) a webhook waits for a place in a saturated process before its 503; 0: refused at once. */
  admissionWaitMs: number;
  minBacklog: number;
  leaseMs: number;
  /** What this process does: take HTTP (web), execute runs (worker), or both (all). */
  role: ProcessRole;
  /** Absent: nothing shared through Redis (one process, or PostgreSQL LISTEN/NOTIFY between processes). */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several installations can share one Redis. */
  redisPrefix: string;
  /** PostgreSQL schema holding Weft's tables (created when missing); absent: the connection's default. */
  databaseSchema: string | undefined;
  logLevel: LogLevel;
  maxStoredPayloadBytes: number;
  /** Largest file a webhook upload or an HTTP response may store (bytes). */
  maxFileBytes: number;
  /** Largest total of the files of one webhook request (bytes). */
  maxUploadBytes: number;
  /** What one run may hold of large lists (a forEach's pages, a list a step reads whole), in MB. */
  runMemoryBudgetMb: number;
  /** Absent: this repository's connectors/. */
  connectorsDir: string | undefined;
  /** Single sign-on (OpenID Connect): the provider's issuer URL; absent: no single sign-on. */
  oidcIssuer: string | undefined;
  oidcClientId: string | undefined;
  oidcClientSecret: string | undefined;
  /** Absent: `<public URL>/api/auth/oidc/callback`. */
  oidcRedirectUrl: string | undefined;
  oidcScopes: string[];
  /** The role of a user provisioned at first sign-in when no group maps to a role. */
  oidcDefaultRole: Role;
  /** The claim (or dotted path, e.g. `realm_access.roles`) holding the user's groups. */
  oidcGroupsClaim: string;
  oidcRoleMap: RoleMapping[];
  /** The sign-in button reads "Sign in with <label>". */
  oidcLabel: string;
  /** `off`: only the break-glass owner may sign in with a password. */
  passwordLogin: 'on' | 'off';
  breakGlassEmail: string | undefined;
  /** OAuth2 apps by connector, keyed by the variable's spelling of the name (`GITHUB`, `GOOGLE_SHEETS`). */
  oauthClients: Record<string, OAuthClientSetting>;
}

/** A value the schema refuses: `expected` completes "expected …". */
class Invalid extends Error {
  constructor(readonly expected: string) {
    super(expected);
  }
}

export interface VariableSpec<T> {
  /** The environment variable. */
  name: string;
  /** The default as the README shows it. */
  shownDefault: string;
  description: string;
  parse(raw: string): T;
  fallback: T;
}

const text = (raw: string): string | undefined => raw;
const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function integer(min: number, max: number, what: string): (raw: string) => number {
  return (raw) => {
    const n = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new Invalid(what);
    return n;
  };
}

function url(raw: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Invalid('an absolute http(s) URL such as https://weft.example.com');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Invalid('an absolute http(s) URL such as https://weft.example.com');
  return raw.replace(/\/+$/, '');
}

function secretKey(raw: string): string | undefined {
  try {
    parseSecretKey(raw, 'the key');
  } catch {
    throw new Invalid('32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  }
  return raw.trim();
}

function role(raw: string): ProcessRole {
  const found = PROCESS_ROLES.find((r) => r === raw.trim().toLowerCase());
  if (!found) throw new Invalid(`one of ${PROCESS_ROLES.join(', ')}`);
  return found;
}

function redisUrl(raw: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new Invalid('a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Invalid('a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
  return raw.trim();
}

function schemaName(raw: string): string | undefined {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw.trim())) throw new Invalid('a schema name of a-z, 0-9 and _');
  return raw.trim();
}

function logLevel(raw: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === raw.trim().toLowerCase());
  if (!level) throw new Invalid(`one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function issuer(raw: string): string | undefined {
  const expected = 'an https URL of the OpenID provider (http only on 127.0.0.1, [::1] or localhost)';
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new Invalid(expected);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))
    throw new Invalid(expected);
  return raw.trim().replace(/\/+$/, '');
}

function scopes(raw: string): string[] {
  const found = raw.split(/[\s,]+/).filter(Boolean);
  if (!found.includes('openid')) throw new Invalid('scopes separated by spaces, including openid');
  return found;
}

function accountRole(raw: string): Role {
  const found = ROLE_NAMES.find((r) => r === raw.trim().toLowerCase());
  if (!found) throw new Invalid(`one of ${ROLE_NAMES.join(', ')}`);
  return found;
}

function roleMap(raw: string): RoleMapping[] {
  return list(raw).map((pair) => {
    const at = pair.lastIndexOf('=');
    const group = pair.slice(0, at).trim();
    const role = ROLE_NAMES.find(
      (r) =>
        r ===
        pair
          .slice(at + 1)
          .trim()
          .toLowerCase(),
    );
    if (at < 0 || !group || !role)
      throw new Invalid(`group=role pairs separated by commas, roles ${ROLE_NAMES.join('|')}`);
    return { group, role };
  });
}

function onOff(raw: string): 'on' | 'off' {
  const value = raw.trim().toLowerCase();
  if (value !== 'on' && value !== 'off') throw new Invalid('on or off');
  return value;
}

type Plain = Exclude<keyof WeftConfig, 'oauthClients'>;

/** Every variable with one value, in the README's order. */
export const VARIABLES: { [K in Plain]: VariableSpec<WeftConfig[K]> } = {
  port: {
    name: 'PORT',
    shownDefault: '`3000`',
    description: 'HTTP port',
    parse: integer(0, 65535, 'a port number from 0 to 65535'),
    fallback: 3000,
  },
  host: {
    name: 'HOST',
    shownDefault: '`0.0.0.0`',
    description: 'interface to listen on',
    parse: (raw) => raw,
    fallback: '0.0.0.0',
  },
  dataDir: {
    name: 'WEFT_DATA_DIR',
    shownDefault: '`./.weft`',
    description: 'embedded database (`weft.db`), credential key (`secret.key`, 0600)',
    parse: (raw) => raw,
    fallback: '.weft',
  },
  databaseUrl: {
    name: 'WEFT_DATABASE_URL',
    shownDefault: 'SQLite in the data dir',
    description: 'or `postgres://user@host:5432/db`',
    parse: text,
    fallback: undefined,
  },
  ownerEmail: {
    name: 'WEFT_OWNER_EMAIL',
    shownDefault: 'generated, printed once',
    description: 'the first owner account',
    parse: text,
    fallback: undefined,
  },
  ownerPassword: {
    name: 'WEFT_OWNER_PASSWORD',
    shownDefault: 'generated, printed once',
    description: "the first owner account's password",
    parse: text,
    fallback: undefined,
  },
  apiToken: {
    name: 'WEFT_API_TOKEN',
    shownDefault: 'none',
    description: 'an owner API token for automation (`Authorization: Bearer …`)',
    parse: text,
    fallback: undefined,
  },
  metricsToken: {
    name: 'WEFT_METRICS_TOKEN',
    shownDefault: 'none (`/metrics` off: 404)',
    description:
      'the token a Prometheus scraper sends to `GET /metrics` (`Authorization: Bearer …`); it opens only the metrics, not the API',
    parse: text,
    fallback: undefined,
  },
  metricsPort: {
    name: 'WEFT_METRICS_PORT',
    shownDefault: 'none',
    description:
      'a separate port (on `HOST`) serving only `GET /metrics`, for a scraper on a private network; the token is required there only when `WEFT_METRICS_TOKEN` is set',
    parse: integer(0, 65535, 'a port number from 0 to 65535'),
    fallback: undefined,
  },
  alertWebhookUrl: {
    name: 'WEFT_ALERT_WEBHOOK_URL',
    shownDefault: 'none',
    description:
      'a URL every alert notice (firing and resolved) is POSTed to as JSON, besides the flows started by the `alert` trigger',
    parse: url,
    fallback: undefined,
  },
  alertIntervalMs: {
    name: 'WEFT_ALERT_INTERVAL_MS',
    shownDefault: '`30000`',
    description: 'how often (ms) each web process evaluates the alert rules',
    parse: integer(100, 3_600_000, 'milliseconds from 100 to 3600000'),
    fallback: 30_000,
  },
  retentionDays: {
    name: 'WEFT_RETENTION_DAYS',
    shownDefault: '`30`',
    description:
      'succeeded and cancelled runs (with their steps and logs) are deleted after this many days; `0` keeps them',
    parse: integer(0, 36_500, 'a whole number of days from 0 (keep) to 36500'),
    fallback: 30,
  },
  retentionFailedDays: {
    name: 'WEFT_RETENTION_FAILED_DAYS',
    shownDefault: '`90`',
    description: 'failed runs are deleted after this many days; `0` keeps them',
    parse: integer(0, 36_500, 'a whole number of days from 0 (keep) to 36500'),
    fallback: 90,
  },
  retentionTestDays: {
    name: 'WEFT_RETENTION_TEST_DAYS',
    shownDefault: '`7`',
    description:
      "test runs (the editor's draft runs) are deleted after this many days, whatever their status; `0`: as other runs",
    parse: integer(0, 36_500, 'a whole number of days from 0 to 36500'),
    fallback: 7,
  },
  retentionMaxRunsPerFlow: {
    name: 'WEFT_RETENTION_MAX_RUNS_PER_FLOW',
    shownDefault: '`10000`',
    description: 'beyond this many succeeded or cancelled runs of a flow the oldest are deleted; `0`: no cap',
    parse: integer(0, 100_000_000, 'a whole number from 0 (no cap) to 100000000'),
    fallback: 10_000,
  },
  auditRetentionDays: {
    name: 'WEFT_AUDIT_RETENTION_DAYS',
    shownDefault: '`365`',
    description: 'audit log entries are deleted after this many days, whatever happens to run history; `0` keeps them',
    parse: integer(0, 36_500, 'a whole number of days from 0 (keep) to 36500'),
    fallback: 365,
  },
  inviteTtlHours: {
    name: 'WEFT_INVITE_TTL_HOURS',
    shownDefault: '`72`',
    description: 'how long an invite link (single use) stays valid',
    parse: integer(1, 8760, 'a whole number of hours from 1 to 8760'),
    fallback: 72,
  },
  passwordResetTtlHours: {
    name: 'WEFT_PASSWORD_RESET_TTL_HOURS',
    shownDefault: '`24`',
    description: 'how long a password reset link (single use) stays valid',
    parse: integer(1, 8760, 'a whole number of hours from 1 to 8760'),
    fallback: 24,
  },
  secretKey: {
    name: 'WEFT_SECRET_KEY',
    shownDefault: 'generated key file',
    description: 'base64 32-byte key for credentials at rest (AES-256-GCM)',
    parse: secretKey,
    fallback: undefined,
  },
  newSecretKey: {
    name: 'WEFT_NEW_SECRET_KEY',
    shownDefault: 'generated',
    description: 'the key `weft credentials rotate-key` re-encrypts with',
    parse: secretKey,
    fallback: undefined,
  },
  outboundAllow: {
    name: 'WEFT_OUTBOUND_ALLOW',
    shownDefault: 'none',
    description:
      'hosts/CIDRs outbound connections (HTTP and connectors such as postgres) may reach despite the SSRF guard, e.g. `10.0.0.0/8`',
    parse: list,
    fallback: [],
  },
  publicUrl: {
    name: 'WEFT_PUBLIC_URL',
    shownDefault: '`http://localhost:$PORT`',
    description: 'public base URL (OAuth2 redirects)',
    parse: url,
    fallback: undefined,
  },
  corsOrigins: {
    name: 'WEFT_CORS_ORIGINS',
    shownDefault: 'none (CORS closed)',
    description: 'origins allowed to call the API from a browser, comma-separated',
    parse: list,
    fallback: [],
  },
  concurrency: {
    name: 'WEFT_CONCURRENCY',
    shownDefault: '`8`',
    description: 'runs executed at once by this process',
    parse: integer(1, 10_000, 'a whole number from 1 to 10000'),
    fallback: 8,
  },
  maxBacklog: {
    name: 'WEFT_MAX_BACKLOG',
    shownDefault: '`1000`',
    description:
      'most webhook runs this process keeps waiting (stored, under its lease) when every `WEFT_CONCURRENCY` slot is busy, at most 100000; it keeps about half a second of its measured completions (at least 100) below that; a webhook finding no place waits up to `WEFT_ADMISSION_WAIT_MS` for one, then is refused with 503 + Retry-After (`backlog_full`) before anything is stored (docs/deployment.md, Back-pressure)',
    parse: integer(0, 100_000, 'a whole number from 0 to 100000'),
    fallback: 1000,
  },
  maxQueued: {
    name: 'WEFT_MAX_QUEUED',
    shownDefault: '`10000`',
    description:
      'in a process that queues webhook runs for separate workers (`WEFT_ROLE=web`): runs waiting in the shared queue beyond which webhooks are refused with 503 + Retry-After (`queue_full`) before anything is stored; `0`: no limit',
    parse: integer(0, 10_000_000, 'a whole number from 0 to 10000000'),
    fallback: 10_000,
  },
  minBacklog: {
    name: 'WEFT_MIN_BACKLOG',
    shownDefault: '`100`',
    description:
      'webhook runs a process keeps waiting whatever its measured completion rate (capped by `WEFT_MAX_BACKLOG`): the burst an idle process absorbs before pacing senders; raise it when senders burst and do not retry',
    parse: integer(1, 100_000, 'a whole number from 1 to 100000'),
    fallback: 100,
  },
  admissionWaitMs: {
    name: 'WEFT_ADMISSION_WAIT_MS',
    shownDefault: '`1000`',
    description:
      'how long (ms) a webhook arriving at a saturated process waits for a place (a run ending) before its 503, at most 30000; `0` refuses at once. Waiting slows senders that retry at once to the rate runs complete; refusing at once holds fewer connections open',
    parse: integer(0, 30_000, 'a whole number of milliseconds from 0 to 30000'),
    fallback: 1000,
  },
  leaseMs: {
    name: 'WEFT_LEASE_MS',
    shownDefault: '`30000`',
    description: 'how long (ms) a crashed process holds its runs before another resumes them',
    parse: integer(1, 86_400_000, 'a whole number of milliseconds from 1 to 86400000'),
    fallback: 30_000,
  },
  role: {
    name: 'WEFT_ROLE',
    shownDefault: '`all`',
    description:
      '`web` takes HTTP, webhooks and triggers; `worker` executes runs; `all` does both (see docs/deployment.md)',
    parse: role,
    fallback: 'all',
  },
  redisUrl: {
    name: 'WEFT_REDIS_URL',
    shownDefault: 'none',
    description:
      'Redis shared by several processes: wake-ups, live events, webhook replies, OAuth state, rate limits, breakers',
    parse: redisUrl,
    fallback: undefined,
  },
  redisPrefix: {
    name: 'WEFT_REDIS_PREFIX',
    shownDefault: '`weft:`',
    description: 'prefix of every Redis key and channel',
    parse: (raw) => raw,
    fallback: 'weft:',
  },
  databaseSchema: {
    name: 'WEFT_DATABASE_SCHEMA',
    shownDefault: "the connection's default",
    description: 'PostgreSQL schema holding the tables (created when missing)',
    parse: schemaName,
    fallback: undefined,
  },
  logLevel: {
    name: 'WEFT_LOG_LEVEL',
    shownDefault: '`info`',
    description: 'pino log level',
    parse: logLevel,
    fallback: 'info',
  },
  maxStoredPayloadBytes: {
    name: 'WEFT_MAX_STORED_PAYLOAD_BYTES',
    shownDefault: `\`${DEFAULT_MAX_STORED_PAYLOAD_BYTES}\` (64 MiB)`,
    description:
      'largest step/run payload stored; a step whose output is larger fails with `payload_too_large` (payloads over 1 MiB are stored out of line, whole)',
    parse: integer(1, Number.MAX_SAFE_INTEGER, 'a positive whole number of bytes'),
    fallback: DEFAULT_MAX_STORED_PAYLOAD_BYTES,
  },
  maxFileBytes: {
    name: 'WEFT_MAX_FILE_BYTES',
    shownDefault: '`104857600` (100 MiB)',
    description:
      'largest file kept under `<data dir>/files` (a webhook upload or a binary HTTP response); a larger upload gets 413 `file_too_large`',
    parse: integer(1, Number.MAX_SAFE_INTEGER, 'a positive whole number of bytes'),
    fallback: 100 * 1024 * 1024,
  },
  maxUploadBytes: {
    name: 'WEFT_MAX_UPLOAD_BYTES',
    shownDefault: '`268435456` (256 MiB)',
    description: 'largest total of the files of one webhook request (multipart or binary body); more gets 413',
    parse: integer(1, Number.MAX_SAFE_INTEGER, 'a positive whole number of bytes'),
    fallback: 256 * 1024 * 1024,
  },
  runMemoryBudgetMb: {
    name: 'WEFT_RUN_MEMORY_BUDGET_MB',
    shownDefault: '`64`',
    description:
      'what one run may hold in memory of large lists (a forEach over more than 1000 items keeps its items and outputs in the database, a page at a time; a step that reads such a list whole holds it); a run that would hold more fails with `run_memory_budget`',
    parse: integer(1, 65_536, 'a whole number of megabytes from 1 to 65536'),
    fallback: 64,
  },
  connectorsDir: {
    name: 'WEFT_CONNECTORS_DIR',
    shownDefault: "this repository's `connectors/`",
    description: 'folder of connector packages (installed `node_modules` packages load too)',
    parse: text,
    fallback: undefined,
  },
  oidcIssuer: {
    name: 'WEFT_OIDC_ISSUER',
    shownDefault: 'none (no single sign-on)',
    description:
      'issuer URL of an OpenID Connect provider for single sign-on (its `/.well-known/openid-configuration` is read); see docs/sso.md',
    parse: issuer,
    fallback: undefined,
  },
  oidcClientId: {
    name: 'WEFT_OIDC_CLIENT_ID',
    shownDefault: 'none',
    description: "Weft's client id at the OpenID provider (required with `WEFT_OIDC_ISSUER`)",
    parse: text,
    fallback: undefined,
  },
  oidcClientSecret: {
    name: 'WEFT_OIDC_CLIENT_SECRET',
    shownDefault: 'none (public client)',
    description: "Weft's client secret at the OpenID provider",
    parse: text,
    fallback: undefined,
  },
  oidcRedirectUrl: {
    name: 'WEFT_OIDC_REDIRECT_URL',
    shownDefault: '`$WEFT_PUBLIC_URL/api/auth/oidc/callback`',
    description: 'the redirect URI registered at the OpenID provider',
    parse: url,
    fallback: undefined,
  },
  oidcScopes: {
    name: 'WEFT_OIDC_SCOPES',
    shownDefault: '`openid email profile`',
    description: 'scopes asked for at sign-in, separated by spaces (add the one that releases groups, e.g. `groups`)',
    parse: scopes,
    fallback: ['openid', 'email', 'profile'],
  },
  oidcDefaultRole: {
    name: 'WEFT_OIDC_DEFAULT_ROLE',
    shownDefault: '`viewer`',
    description: 'role of a user created at their first single sign-on when none of their groups is mapped',
    parse: accountRole,
    fallback: 'viewer',
  },
  oidcGroupsClaim: {
    name: 'WEFT_OIDC_GROUPS_CLAIM',
    shownDefault: '`groups`',
    description: 'claim holding the IdP groups (a dotted path such as `realm_access.roles` reaches into objects)',
    parse: (raw) => raw.trim(),
    fallback: 'groups',
  },
  oidcRoleMap: {
    name: 'WEFT_OIDC_ROLE_MAP',
    shownDefault: 'none',
    description:
      'IdP groups to roles, e.g. `weft-admins=owner,weft-editors=editor`: at every sign-in the highest mapped role is applied; with no mapped group the role is left as it is',
    parse: roleMap,
    fallback: [],
  },
  oidcLabel: {
    name: 'WEFT_OIDC_LABEL',
    shownDefault: '`SSO`',
    description: 'the sign-in button reads "Sign in with <label>"',
    parse: (raw) => raw.trim().slice(0, 60),
    fallback: 'SSO',
  },
  passwordLogin: {
    name: 'WEFT_PASSWORD_LOGIN',
    shownDefault: '`on`',
    description:
      '`off`: password sign-in is refused (single sign-on only) except for the break-glass owner; needs `WEFT_OIDC_ISSUER`',
    parse: onOff,
    fallback: 'on',
  },
  breakGlassEmail: {
    name: 'WEFT_BREAK_GLASS_EMAIL',
    shownDefault: 'none',
    description: 'the owner account that may still sign in with a password when `WEFT_PASSWORD_LOGIN=off`',
    parse: (raw) => raw.trim().toLowerCase(),
    fallback: undefined,
  },
};

/** The variable family of OAuth2 apps: `WEFT_OAUTH_<CONNECTOR>_CLIENT_ID` and `…_CLIENT_SECRET`. */
export const OAUTH_VARIABLES = {
  name: 'WEFT_OAUTH_<CONNECTOR>_CLIENT_ID`, `WEFT_OAUTH_<CONNECTOR>_CLIENT_SECRET',
  shownDefault: 'none',
  description: 'OAuth2 app of a connector, e.g. `WEFT_OAUTH_GITHUB_CLIENT_ID`',
} as const;
const OAUTH_PATTERN = /^WEFT_OAUTH_([A-Z0-9_]+?)_CLIENT_(ID|SECRET)$/;

/** How a connector's name is spelled in its OAuth2 variables (`google-sheets` → `GOOGLE_SHEETS`). */
export function oauthKey(connector: string): string {
  return connector.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export interface ConfigProblem {
  variable: string;
  value: string;
  expected: string;
}

/** The environment holds values Weft cannot use; the message names each variable, its value and what is expected. */
export class ConfigError extends WeftError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'config_invalid',
      problems.map((p) => `${p.variable}=${JSON.stringify(p.value)} is not valid: expected ${p.expected}`).join('\n'),
      { fault: 'user', details: { problems: problems.map((p) => ({ ...p })) } },
    );
    this.name = 'ConfigError';
  }
}

function oauthClients(env: Environment, problems: ConfigProblem[]): Record<string, OAuthClientSetting> {
  const found: Record<string, { id?: string; secret?: string }> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = OAUTH_PATTERN.exec(name);
    if (!match || value === undefined || value.trim() === '') continue;
    const entry = (found[match[1]!] ??= {});
    if (match[2] === 'ID') entry.id = value.trim();
    else entry.secret = value;
  }
  const clients: Record<string, OAuthClientSetting> = {};
  for (const [key, entry] of Object.entries(found)) {
    if (entry.id === undefined) {
      problems.push({
        variable: `WEFT_OAUTH_${key}_CLIENT_SECRET`,
        value: '(hidden)',
        expected: `WEFT_OAUTH_${key}_CLIENT_ID to be set as well`,
      });
      continue;
    }
    clients[key] = { clientId: entry.id, ...(entry.secret === undefined ? {} : { clientSecret: entry.secret }) };
  }
  return clients;
}

const SECRET_VARIABLES = new Set([
  'WEFT_SECRET_KEY',
  'WEFT_NEW_SECRET_KEY',
  'WEFT_OWNER_PASSWORD',
  'WEFT_API_TOKEN',
  'WEFT_METRICS_TOKEN',
  'WEFT_OIDC_CLIENT_SECRET',
]);

/**
 * The settings: each from `explicit` when given there, else from its environment variable, else its default.
 * Every variable set in the environment is checked, and all bad values are reported at once (ConfigError).
 */
export function loadConfig(explicit: Partial<WeftConfig> = {}, env: Environment = process.env): WeftConfig {
  const problems: ConfigProblem[] = [];
  const read = <K extends Plain>(key: K): WeftConfig[K] => {
    const spec: VariableSpec<WeftConfig[K]> = VARIABLES[key];
    const raw = env[spec.name];
    let fromEnv: WeftConfig[K] | undefined;
    if (raw !== undefined && raw.trim() !== '') {
      try {
        fromEnv = spec.parse(raw);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        const shown = SECRET_VARIABLES.has(spec.name) ? '(hidden)' : raw;
        problems.push({ variable: spec.name, value: shown, expected: error.expected });
      }
    }
    const given = explicit[key];
    return given !== undefined ? given : fromEnv !== undefined ? fromEnv : spec.fallback;
  };
  const config: WeftConfig = {
    port: read('port'),
    host: read('host'),
    dataDir: read('dataDir'),
    databaseUrl: read('databaseUrl'),
    ownerEmail: read('ownerEmail'),
    ownerPassword: read('ownerPassword'),
    apiToken: read('apiToken'),
    metricsToken: read('metricsToken'),
    metricsPort: read('metricsPort'),
    alertWebhookUrl: read('alertWebhookUrl'),
    alertIntervalMs: read('alertIntervalMs'),
    retentionDays: read('retentionDays'),
    retentionFailedDays: read('retentionFailedDays'),
    retentionTestDays: read('retentionTestDays'),
    retentionMaxRunsPerFlow: read('retentionMaxRunsPerFlow'),
    auditRetentionDays: read('auditRetentionDays'),
    inviteTtlHours: read('inviteTtlHours'),
    passwordResetTtlHours: read('passwordResetTtlHours'),
    secretKey: read('secretKey'),
    newSecretKey: read('newSecretKey'),
    outboundAllow: read('outboundAllow'),
    publicUrl: read('publicUrl'),
    corsOrigins: read('corsOrigins'),
    concurrency: read('concurrency'),
    maxBacklog: read('maxBacklog'),
    maxQueued: read('maxQueued'),
    admissionWaitMs: read('admissionWaitMs'),
    minBacklog: read('minBacklog'),
    leaseMs: read('leaseMs'),
    role: read('role'),
    redisUrl: read('redisUrl'),
    redisPrefix: read('redisPrefix'),
    databaseSchema: read('databaseSchema'),
    logLevel: read('logLevel'),
    maxStoredPayloadBytes: read('maxStoredPayloadBytes'),
    maxFileBytes: read('maxFileBytes'),
    maxUploadBytes: read('maxUploadBytes'),
    runMemoryBudgetMb: read('runMemoryBudgetMb'),
    connectorsDir: read('connectorsDir'),
    oidcIssuer: read('oidcIssuer'),
    oidcClientId: read('oidcClientId'),
    oidcClientSecret: read('oidcClientSecret'),
    oidcRedirectUrl: read('oidcRedirectUrl'),
    oidcScopes: read('oidcScopes'),
    oidcDefaultRole: read('oidcDefaultRole'),
    oidcGroupsClaim: read('oidcGroupsClaim'),
    oidcRoleMap: read('oidcRoleMap'),
    oidcLabel: read('oidcLabel'),
    passwordLogin: read('passwordLogin'),
    breakGlassEmail: read('breakGlassEmail'),
    oauthClients: explicit.oauthClients ?? oauthClients(env, problems),
  };
  // An issuer refused already is reported once, not again as missing.
  if (!problems.some((p) => p.variable === 'WEFT_OIDC_ISSUER')) problems.push(...singleSignOnProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The single sign-on variables only make sense together: an issuer needs a client, a client needs an issuer. */
function singleSignOnProblems(config: WeftConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const needIssuer = (variable: string, value: string) =>
    problems.push({ variable, value, expected: 'WEFT_OIDC_ISSUER to be set as well' });
  if (config.oidcIssuer && !config.oidcClientId)
    problems.push({ variable: 'WEFT_OIDC_CLIENT_ID', value: '', expected: 'a client id, as WEFT_OIDC_ISSUER is set' });
  if (!config.oidcIssuer) {
    if (config.oidcClientId) needIssuer('WEFT_OIDC_CLIENT_ID', config.oidcClientId);
    if (config.oidcClientSecret) needIssuer('WEFT_OIDC_CLIENT_SECRET', '(hidden)');
    if (config.passwordLogin === 'off')
      problems.push({
        variable: 'WEFT_PASSWORD_LOGIN',
        value: 'off',
        expected: 'on while WEFT_OIDC_ISSUER is unset (nobody could sign in)',
      });
  }
  return problems;
}

/** The README's table of variables, generated from the schema (a test keeps the README equal to it). */
export function configTable(): string {
  const rows: string[][] = [
    ...Object.values<VariableSpec<unknown>>(VARIABLES).map((v) => [`\`${v.name}\``, v.shownDefault, v.description]),
    [`\`${OAUTH_VARIABLES.name}\``, OAUTH_VARIABLES.shownDefault, OAUTH_VARIABLES.description],
  ];
  return ['| variable | default | meaning |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
