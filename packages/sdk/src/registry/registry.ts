// The ConnectorRegistry: the installed connectors, resolved by major version (`stripe@1` is the highest 1.x
// installed), serving core's ActionResolver and ConnectorCatalog, the editor palette (manifests) and the
// runtime's triggers. Broken connectors are recorded in `problems` and skipped, never fatal.
import {
  parseActionRef,
  parseConnectorRef,
  type ActionHandler,
  type ActionResolver,
  type ConnectorCatalog,
} from '@weft/core';
import type { JsonValue } from '@weft/core';
import type { ConnectorDefinition } from '../define/connector.js';
import type { TriggerDefinition } from '../define/trigger.js';
import type { WebhookRequest } from '../define/webhook-request.js';
import { ConnectorError } from '../errors.js';
import type { BreakerStatus } from '../http/circuit-breaker.js';
import type { ConnectorManifest } from '../manifest/manifest.js';
import { compareSemver, parseSemver } from '../manifest/semver.js';
import { ConnectorManifestError, describeProblems, validateConnector } from '../manifest/validate-connector.js';
import { createActionHandler } from './action-invoker.js';
import { testConnection, type ConnectionTestResult } from './connection-test.js';
import { findConnectorPackages, importConnectorPackage, type LoadConnectorsOptions } from './loader.js';
import { createSharedRuntime, type RuntimeOptions } from './runtime.js';
import {
  runPollTrigger,
  runScheduleTrigger,
  runWebhookTrigger,
  verifyWebhookDelivery,
  type PollOutcome,
  type PollRequest,
  type ScheduleRequest,
  type WebhookOutcome,
} from './trigger-runtime.js';

export type ConnectorProblemCode =
  'connector_import_failed' | 'connector_no_default_export' | 'connector_manifest_invalid' | 'connector_duplicate';

export interface ConnectorProblem {
  code: ConnectorProblemCode;
  /** Package name or directory the connector came from. */
  source: string;
  connector?: string;
  message: string;
}

export interface InstalledConnector {
  connector: ConnectorDefinition;
  manifest: ConnectorManifest;
  source: string;
}

export interface LoadReport {
  loaded: { name: string; version: string; source: string }[];
  problems: ConnectorProblem[];
}

export type ConnectorRegistryOptions = RuntimeOptions;

export interface ConnectorRegistry extends ActionResolver, ConnectorCatalog {
  /** Everything that could not be loaded, with the reason. */
  readonly problems: readonly ConnectorProblem[];
  /** Adds a connector; throws ConnectorManifestError when it is invalid. */
  register(connector: unknown, source?: string): ConnectorManifest;
  loadConnectors(options: LoadConnectorsOptions): Promise<LoadReport>;
  /** One manifest per installed `name@major` (the highest version), for the editor palette. */
  manifests(): ConnectorManifest[];
  /** `stripe@1` → the installed connector of that major. */
  get(ref: string): InstalledConnector | undefined;
  trigger(ref: string, key: string): TriggerDefinition | undefined;
  poll(ref: string, key: string, request: PollRequest): Promise<PollOutcome>;
  receiveWebhook(
    ref: string,
    key: string,
    delivery: { request: WebhookRequest; secret?: string; config?: JsonValue },
  ): Promise<WebhookOutcome>;
  /**
   * Only the signature check of a webhook delivery (no parsing, no events): undefined when authentic or
   * unsigned. The ingress calls it before it parses the body, so a forged delivery is refused unread.
   */
  verifyWebhook(
    ref: string,
    key: string,
    delivery: { request: WebhookRequest; secret?: string },
  ): Promise<Extract<WebhookOutcome, { ok: false }> | undefined>;
  fireSchedule(ref: string, key: string, request: ScheduleRequest): Promise<JsonValue>;
  /**
   * Makes the connector's declared test request (its manifest `test`) with a stored connection and reports what
   * the provider answered; undefined when the connector declares none.
   */
  testConnection(ref: string, credentialId: string): Promise<ConnectionTestResult | undefined>;
  /** Circuit breaker state per connector + host, for operators. */
  breakerStates(): BreakerStatus[];
  close(): Promise<void>;
}

interface Entry extends InstalledConnector {
  major: number;
  handlers: Map<string, ActionHandler>;
}

export function createConnectorRegistry(options: ConnectorRegistryOptions = {}): ConnectorRegistry {
  const runtime = createSharedRuntime(options);
  const entries = new Map<string, Entry>();
  const problems: ConnectorProblem[] = [];

  const entryOf = (ref: string): Entry | undefined => {
    const parsed = parseConnectorRef(ref);
    return parsed ? entries.get(`${parsed.connector}@${parsed.major}`) : undefined;
  };

  const add = (
    value: unknown,
    source: string,
  ): { ok: true; manifest: ConnectorManifest } | { ok: false; problem: ConnectorProblem; error: Error } => {
    const result = validateConnector(value);
    if (!result.ok) {
      const error = new ConnectorManifestError(result.name, source, result.problems);
      const problem: ConnectorProblem = {
        code: 'connector_manifest_invalid',
        source,
        message: describeProblems(result.name, source, result.problems),
      };
      if (result.name !== undefined) problem.connector = result.name;
      return { ok: false, problem, error };
    }
    const { connector, manifest } = result;
    const version = parseSemver(manifest.version)!;
    const key = `${manifest.name}@${version.major}`;
    const existing = entries.get(key);
    if (existing) {
      const order = compareSemver(version, parseSemver(existing.manifest.version)!);
      if (order === 0) {
        const message = `${manifest.name} ${manifest.version} from ${source} is already installed from ${existing.source}; keeping the first`;
        return {
          ok: false,
          problem: { code: 'connector_duplicate', source, connector: manifest.name, message },
          error: new Error(message),
        };
      }
      // Flows pin the major only, so the newest minor/patch of that major wins.
      if (order < 0) return { ok: true, manifest: existing.manifest };
    }
    entries.set(key, { connector, manifest, source, major: version.major, handlers: new Map() });
    return { ok: true, manifest };
  };

  const triggerOf = (ref: string, key: string) => {
    const entry = entryOf(ref);
    const trigger = entry?.connector.triggers?.find((t) => t.key === key);
    if (!entry || !trigger) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'connector_unknown_trigger',
        message: `No installed connector provides trigger "${key}" of "${ref}"`,
      });
    }
    return { entry, trigger };
  };

  const kindError = (ref: string, key: string, kind: string) =>
    new ConnectorError({
      kind: 'validation',
      code: 'connector_trigger_kind',
      message: `Trigger "${key}" of "${ref}" is not a ${kind} trigger`,
    });

  return {
    get problems() {
      return problems;
    },
    register(connector, source = 'code') {
      const result = add(connector, source);
      if (!result.ok) throw result.error;
      return result.manifest;
    },
    async loadConnectors(loadOptions) {
      const report: LoadReport = { loaded: [], problems: [] };
      for (const pkg of await findConnectorPackages(loadOptions)) {
        const imported = await importConnectorPackage(pkg);
        const result = imported.ok
          ? add(imported.value, pkg.source)
          : { ok: false as const, problem: { code: imported.code, source: pkg.source, message: imported.message } };
        if (result.ok)
          report.loaded.push({ name: result.manifest.name, version: result.manifest.version, source: pkg.source });
        else report.problems.push(result.problem);
      }
      problems.push(...report.problems);
      return report;
    },
    manifests() {
      return [...entries.values()]
        .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name) || a.major - b.major)
        .map((entry) => structuredClone(entry.manifest));
    },
    get(ref) {
      const entry = entryOf(ref);
      return entry ? { connector: entry.connector, manifest: entry.manifest, source: entry.source } : undefined;
    },
    resolve(use) {
      const parsed = parseActionRef(use);
      if (!parsed) return undefined;
      const entry = entries.get(`${parsed.connector}@${parsed.major}`);
      const action = entry?.connector.actions.find((a) => a.key === parsed.action);
      if (!entry || !action) return undefined;
      let handler = entry.handlers.get(action.key);
      if (!handler) entry.handlers.set(action.key, (handler = createActionHandler(runtime, entry.connector, action)));
      return handler;
    },
    hasAction(use) {
      const parsed = parseActionRef(use);
      const entry = parsed ? entries.get(`${parsed.connector}@${parsed.major}`) : undefined;
      return entry?.connector.actions.some((a) => a.key === parsed!.action) ?? false;
    },
    hasTrigger(ref, key) {
      return entryOf(ref)?.connector.triggers?.some((t) => t.key === key) ?? false;
    },
    trigger(ref, key) {
      return entryOf(ref)?.connector.triggers?.find((t) => t.key === key);
    },
    async poll(ref, key, request) {
      const { entry, trigger } = triggerOf(ref, key);
      if (trigger.kind !== 'polling') throw kindError(ref, key, 'polling');
      return runPollTrigger(runtime, entry.connector, trigger, request);
    },
    async receiveWebhook(ref, key, delivery) {
      const { entry, trigger } = triggerOf(ref, key);
      if (trigger.kind !== 'webhook') throw kindError(ref, key, 'webhook');
      return runWebhookTrigger(entry.connector, trigger, delivery.request, delivery.secret, delivery.config);
    },
    async verifyWebhook(ref, key, delivery) {
      const { entry, trigger } = triggerOf(ref, key);
      if (trigger.kind !== 'webhook') throw kindError(ref, key, 'webhook');
      return verifyWebhookDelivery(entry.connector, trigger, delivery.request, delivery.secret);
    },
    async fireSchedule(ref, key, request) {
      const { entry, trigger } = triggerOf(ref, key);
      if (trigger.kind !== 'schedule') throw kindError(ref, key, 'schedule');
      return runScheduleTrigger(runtime, entry.connector, trigger, request);
    },
    async testConnection(ref, credentialId) {
      const entry = entryOf(ref);
      return entry ? testConnection(runtime, entry.connector, credentialId) : undefined;
    },
    breakerStates: () => runtime.http.breakers.states(),
    close: () => runtime.close(),
  };
}
