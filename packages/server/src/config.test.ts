// The settings schema through its public face: loadConfig(explicit, env) and the README's variable table.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, configTable, loadConfig, VARIABLES } from './config.js';

const README = join(dirname(fileURLToPath(import.meta.url)), '../../../README.md');
const problemOf = (env: Record<string, string>) => {
  try {
    loadConfig({}, env);
  } catch (error) {
    return error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  it('gives every default when the environment is empty', () => {
    expect(loadConfig({}, {})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '.weft',
      databaseUrl: undefined,
      ownerEmail: undefined,
      ownerPassword: undefined,
      apiToken: undefined,
      metricsToken: undefined,
      metricsPort: undefined,
      alertWebhookUrl: undefined,
      alertIntervalMs: 30_000,
      retentionDays: 30,
      retentionFailedDays: 90,
      retentionTestDays: 7,
      retentionMaxRunsPerFlow: 10_000,
      auditRetentionDays: 365,
      inviteTtlHours: 72,
      passwordResetTtlHours: 24,
      secretKey: undefined,
      newSecretKey: undefined,
      outboundAllow: [],
      publicUrl: undefined,
      corsOrigins: [],
      concurrency: 8,
      maxBacklog: 1000,
      maxQueued: 10_000,
      admissionWaitMs: 1000,
      minBacklog: 100,
      leaseMs: 30_000,
      role: 'all',
      redisUrl: undefined,
      redisPrefix: 'weft:',
      databaseSchema: undefined,
      logLevel: 'info',
      maxStoredPayloadBytes: 64 * 1024 * 1024,
      maxFileBytes: 100 * 1024 * 1024,
      maxUploadBytes: 256 * 1024 * 1024,
      runMemoryBudgetMb: 64,
      connectorsDir: undefined,
      oidcIssuer: undefined,
      oidcClientId: undefined,
      oidcClientSecret: undefined,
      oidcRedirectUrl: undefined,
      oidcScopes: ['openid', 'email', 'profile'],
      oidcDefaultRole: 'viewer',
      oidcGroupsClaim: 'groups',
      oidcRoleMap: [],
      oidcLabel: 'SSO',
      passwordLogin: 'on',
      breakGlassEmail: undefined,
      oauthClients: {},
    });
  });

  it('reads the single sign-on variables', () => {
    const config = loadConfig(
      {},
      {
        WEFT_OIDC_ISSUER: 'https://login.example.com/realms/weft/',
        WEFT_OIDC_CLIENT_ID: 'weft',
        WEFT_OIDC_CLIENT_SECRET: 'shh',
        WEFT_OIDC_SCOPES: 'openid email  groups',
        WEFT_OIDC_DEFAULT_ROLE: 'Operator',
        WEFT_OIDC_GROUPS_CLAIM: 'realm_access.roles',
        WEFT_OIDC_ROLE_MAP: 'weft-admins=owner, /corp/weft editors=editor',
        WEFT_OIDC_LABEL: 'Keycloak',
        WEFT_PASSWORD_LOGIN: 'OFF',
        WEFT_BREAK_GLASS_EMAIL: ' Root@Example.com ',
      },
    );
    expect(config).toMatchObject({
      oidcIssuer: 'https://login.example.com/realms/weft',
      oidcClientId: 'weft',
      oidcClientSecret: 'shh',
      oidcScopes: ['openid', 'email', 'groups'],
      oidcDefaultRole: 'operator',
      oidcGroupsClaim: 'realm_access.roles',
      oidcRoleMap: [
        { group: 'weft-admins', role: 'owner' },
        { group: '/corp/weft editors', role: 'editor' },
      ],
      oidcLabel: 'Keycloak',
      passwordLogin: 'off',
      breakGlassEmail: 'root@example.com',
    });
    expect(loadConfig({}, { WEFT_OIDC_ISSUER: 'http://127.0.0.1:9000', WEFT_OIDC_CLIENT_ID: 'w' }).oidcIssuer).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it.each([
    [
      { WEFT_OIDC_ISSUER: 'http://login.example.com', WEFT_OIDC_CLIENT_ID: 'weft' },
      'WEFT_OIDC_ISSUER="http://login.example.com" is not valid: expected an https URL of the OpenID provider (http only on 127.0.0.1, [::1] or localhost)',
    ],
    [
      { WEFT_OIDC_ISSUER: 'https://login.example.com' },
      'WEFT_OIDC_CLIENT_ID="" is not valid: expected a client id, as WEFT_OIDC_ISSUER is set',
    ],
    [
      { WEFT_OIDC_CLIENT_ID: 'weft', WEFT_OIDC_CLIENT_SECRET: 'hunter2' },
      'WEFT_OIDC_CLIENT_ID="weft" is not valid: expected WEFT_OIDC_ISSUER to be set as well\n' +
        'WEFT_OIDC_CLIENT_SECRET="(hidden)" is not valid: expected WEFT_OIDC_ISSUER to be set as well',
    ],
    [
      { WEFT_PASSWORD_LOGIN: 'off' },
      'WEFT_PASSWORD_LOGIN="off" is not valid: expected on while WEFT_OIDC_ISSUER is unset (nobody could sign in)',
    ],
    [{ WEFT_PASSWORD_LOGIN: 'no' }, 'WEFT_PASSWORD_LOGIN="no" is not valid: expected on or off'],
    [
      { WEFT_OIDC_SCOPES: 'email profile' },
      'WEFT_OIDC_SCOPES="email profile" is not valid: expected scopes separated by spaces, including openid',
    ],
    [
      { WEFT_OIDC_DEFAULT_ROLE: 'admin' },
      'WEFT_OIDC_DEFAULT_ROLE="admin" is not valid: expected one of viewer, operator, editor, owner',
    ],
    [
      { WEFT_OIDC_ROLE_MAP: 'admins=root' },
      'WEFT_OIDC_ROLE_MAP="admins=root" is not valid: expected group=role pairs separated by commas, roles viewer|operator|editor|owner',
    ],
  ])('refuses single sign-on settings that cannot work: %j', (env, message) => {
    const error = problemOf(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'config_invalid', message });
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('reads each variable', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig(
      {},
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        WEFT_DATA_DIR: '/var/lib/weft',
        WEFT_DATABASE_URL: 'postgres://weft@db:5432/weft',
        WEFT_SECRET_KEY: key,
        WEFT_OUTBOUND_ALLOW: ' 10.0.0.0/8, db.internal ,,',
        WEFT_PUBLIC_URL: 'https://weft.example.com/',
        WEFT_CORS_ORIGINS: 'https://a.example,https://b.example',
        WEFT_CONCURRENCY: '16',
        WEFT_MAX_BACKLOG: '50',
        WEFT_MAX_QUEUED: '0',
        WEFT_ADMISSION_WAIT_MS: '250',
        WEFT_MIN_BACKLOG: '20',
        WEFT_LEASE_MS: '60000',
        WEFT_LOG_LEVEL: 'DEBUG',
        WEFT_MAX_STORED_PAYLOAD_BYTES: '1024',
        WEFT_ALERT_INTERVAL_MS: '1000',
        WEFT_OAUTH_GOOGLE_SHEETS_CLIENT_ID: 'app',
        WEFT_OAUTH_GOOGLE_SHEETS_CLIENT_SECRET: 'shh',
        WEFT_OAUTH_GITHUB_CLIENT_ID: 'gh',
      },
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/weft',
      databaseUrl: 'postgres://weft@db:5432/weft',
      secretKey: key,
      outboundAllow: ['10.0.0.0/8', 'db.internal'],
      publicUrl: 'https://weft.example.com',
      corsOrigins: ['https://a.example', 'https://b.example'],
      concurrency: 16,
      maxBacklog: 50,
      maxQueued: 0,
      admissionWaitMs: 250,
      minBacklog: 20,
      leaseMs: 60_000,
      logLevel: 'debug',
      maxStoredPayloadBytes: 1024,
      alertIntervalMs: 1000,
      oauthClients: { GOOGLE_SHEETS: { clientId: 'app', clientSecret: 'shh' }, GITHUB: { clientId: 'gh' } },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({}, { WEFT_CONCURRENCY: '', PORT: ' ' })).toMatchObject({ concurrency: 8, port: 3000 });
  });

  it('takes an explicit option over the environment, and the environment over the default', () => {
    const env = { WEFT_CONCURRENCY: '16', WEFT_OUTBOUND_ALLOW: '10.0.0.0/8', PORT: '8080' };
    expect(loadConfig({ concurrency: 2, outboundAllow: [] }, env)).toMatchObject({
      concurrency: 2,
      outboundAllow: [],
      port: 8080,
      leaseMs: 30_000,
    });
  });

  it.each([
    ['WEFT_ROLE', 'api', 'WEFT_ROLE="api" is not valid: expected one of all, web, worker'],
    [
      'WEFT_REDIS_URL',
      'http://x',
      'WEFT_REDIS_URL="http://x" is not valid: expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    ],
    [
      'WEFT_DATABASE_SCHEMA',
      'a-b',
      'WEFT_DATABASE_SCHEMA="a-b" is not valid: expected a schema name of a-z, 0-9 and _',
    ],
    ['WEFT_CONCURRENCY', 'abc', 'WEFT_CONCURRENCY="abc" is not valid: expected a whole number from 1 to 10000'],
    ['WEFT_CONCURRENCY', '0', 'WEFT_CONCURRENCY="0" is not valid: expected a whole number from 1 to 10000'],
    ['WEFT_CONCURRENCY', '2.5', 'WEFT_CONCURRENCY="2.5" is not valid: expected a whole number from 1 to 10000'],
    ['PORT', '70000', 'PORT="70000" is not valid: expected a port number from 0 to 65535'],
    ['PORT', 'eighty', 'PORT="eighty" is not valid: expected a port number from 0 to 65535'],
    [
      'WEFT_ADMISSION_WAIT_MS',
      '60000',
      'WEFT_ADMISSION_WAIT_MS="60000" is not valid: expected a whole number of milliseconds from 0 to 30000',
    ],
    [
      'WEFT_LEASE_MS',
      '-1',
      'WEFT_LEASE_MS="-1" is not valid: expected a whole number of milliseconds from 1 to 86400000',
    ],
    [
      'WEFT_MAX_STORED_PAYLOAD_BYTES',
      '64MiB',
      'WEFT_MAX_STORED_PAYLOAD_BYTES="64MiB" is not valid: expected a positive whole number of bytes',
    ],
    [
      'WEFT_LOG_LEVEL',
      'loud',
      'WEFT_LOG_LEVEL="loud" is not valid: expected one of fatal, error, warn, info, debug, trace, silent',
    ],
    [
      'WEFT_PUBLIC_URL',
      'weft.example.com',
      'WEFT_PUBLIC_URL="weft.example.com" is not valid: expected an absolute http(s) URL such as https://weft.example.com',
    ],
    [
      'WEFT_PUBLIC_URL',
      'ftp://weft.example.com',
      'WEFT_PUBLIC_URL="ftp://weft.example.com" is not valid: expected an absolute http(s) URL such as https://weft.example.com',
    ],
  ])('refuses %s=%s, naming the variable, the value and what is expected', (name, value, message) => {
    const error = problemOf({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'config_invalid', fault: 'user', message });
  });

  it('never quotes a secret it refuses', () => {
    const error = problemOf({ WEFT_SECRET_KEY: 'hunter2-not-a-key', WEFT_NEW_SECRET_KEY: 'hunter3' });
    expect(error).toMatchObject({
      message:
        'WEFT_SECRET_KEY="(hidden)" is not valid: expected 32 random bytes in base64 (e.g. `openssl rand -base64 32`)\n' +
        'WEFT_NEW_SECRET_KEY="(hidden)" is not valid: expected 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
    });
    expect(JSON.stringify(error)).not.toMatch(/hunter/);
  });

  it('refuses an OAuth2 client secret without its client id', () => {
    expect(problemOf({ WEFT_OAUTH_ACME_CLIENT_SECRET: 'shh' })).toMatchObject({
      message:
        'WEFT_OAUTH_ACME_CLIENT_SECRET="(hidden)" is not valid: expected WEFT_OAUTH_ACME_CLIENT_ID to be set as well',
    });
  });

  it('reports every bad value at once', () => {
    const error = problemOf({ WEFT_CONCURRENCY: 'abc', WEFT_LEASE_MS: 'soon', PORT: '3000' });
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['WEFT_CONCURRENCY', 'WEFT_LEASE_MS']);
  });

  it('still refuses a bad environment value when an explicit option overrides it', () => {
    expect(() => loadConfig({ concurrency: 4 }, { WEFT_CONCURRENCY: 'abc' })).toThrow(ConfigError);
  });
});

describe('the README', () => {
  it('lists exactly the configuration variables, with their defaults (generated by configTable)', async () => {
    const lines = (await readFile(README, 'utf8')).split('\n');
    const start = lines.indexOf('| variable | default | meaning |');
    const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
    const table = configTable();
    expect(lines.slice(start, end).join('\n'), `README.md's variable table must read:\n\n${table}\n`).toBe(table);
    for (const spec of Object.values(VARIABLES)) expect(table).toContain(`| \`${spec.name}\` |`);
  });
});
