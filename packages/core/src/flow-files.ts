// Flows as files ("weft.flow-file/v1"): one JSON document per flow holding its published version and its draft,
// written with a fixed key order so that the same flow always gives the same bytes (export → import → export is
// byte-identical, and a git diff shows only what changed). Credentials are named by their name, never by their
// instance-specific id or secret: `credential` in a file's definitions is a credential name, which an import
// resolves to a connection of the importing instance. Pure data and functions; the server reads and writes them.
import { parseActionRef, parseConnectorRef, type FlowDefinition } from './flow.js';
import type { JsonObject, JsonValue } from './json.js';

export const FLOW_FILE_FORMAT = 'weft.flow-file/v1';

/** Flow ids an import accepts: they also name the file (`<id>.json`). */
export const FLOW_ID_PATTERN = '^[A-Za-z0-9_-]{1,100}$';

export interface FlowFile {
  format: typeof FLOW_FILE_FORMAT;
  id: string;
  /** Whether triggers fire for the flow. */
  active: boolean;
  /** The version triggers run (credentials by name); null when the flow was never published. */
  published: FlowDefinition | null;
  /** The draft (credentials by name); left out when it equals `published`. */
  draft?: FlowDefinition;
}

/** A node's credential reference and the connector it must belong to (absent for engine nodes). */
export interface CredentialUse {
  nodeId: string;
  credential: string;
  connector?: string;
  /** A reference inside the node's config: the action a sync step calls (`source`, `upsert`...). */
  call?: string;
}

/** The config keys of a sync step (`sync@1.records`) that name an action with its own connection. */
const SYNC_CALLS = ['source', 'upsert', 'delete', 'ids'] as const;

const callOf = (value: JsonValue | undefined): JsonObject | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
const isSync = (use: string) => parseActionRef(use)?.connector === 'sync';

/** Every credential reference of a definition, trigger first, then steps in order. */
export function credentialUses(flow: FlowDefinition): CredentialUse[] {
  const uses: CredentialUse[] = [];
  const add = (nodeId: string, credential: string | undefined, connector: string | undefined) => {
    if (credential === undefined) return;
    uses.push(connector === undefined ? { nodeId, credential } : { nodeId, credential, connector });
  };
  add(flow.trigger.id, flow.trigger.credential, parseConnectorRef(flow.trigger.connector)?.connector);
  for (const step of flow.steps) {
    add(step.id, step.credential, parseActionRef(step.use)?.connector);
    if (!isSync(step.use)) continue;
    for (const key of SYNC_CALLS) {
      const call = callOf(step.config?.[key]);
      if (typeof call?.credential !== 'string') continue;
      const connector = typeof call.use === 'string' ? parseActionRef(call.use)?.connector : undefined;
      uses.push({ nodeId: step.id, credential: call.credential, ...(connector ? { connector } : {}), call: key });
    }
  }
  return uses;
}

const useKey = (use: Pick<CredentialUse, 'nodeId' | 'call'>) => (use.call ? `${use.nodeId}/${use.call}` : use.nodeId);

/** A copy of the definition with each credential reference replaced by `map(use)`. */
export function mapCredentials(flow: FlowDefinition, map: (use: CredentialUse) => string): FlowDefinition {
  const uses = new Map(credentialUses(flow).map((use) => [useKey(use), use]));
  const mapped = (nodeId: string, call?: string) => map(uses.get(useKey(call ? { nodeId, call } : { nodeId }))!);
  const mapCalls = (step: FlowDefinition['steps'][number]) => {
    if (!isSync(step.use) || !step.config) return step;
    const config = { ...step.config };
    for (const key of SYNC_CALLS) {
      const call = callOf(config[key]);
      if (call && typeof call.credential === 'string') config[key] = { ...call, credential: mapped(step.id, key) };
    }
    return { ...step, config };
  };
  return {
    ...flow,
    trigger:
      flow.trigger.credential === undefined ? flow.trigger : { ...flow.trigger, credential: mapped(flow.trigger.id) },
    steps: flow.steps.map((step) =>
      mapCalls(step.credential === undefined ? step : { ...step, credential: mapped(step.id) }),
    ),
  };
}

// Known keys come first in the order people read them; any other key follows, sorted. Inside config and layout
// every object's keys are sorted (JSON objects are unordered; the engine reads lists, never key order).
interface Shape {
  order: readonly string[];
  fields?: Record<string, Shape>;
}
const NODE: Shape = {
  order: ['id', 'name', 'use', 'connector', 'trigger', 'credential', 'config', 'retry', 'timeout', 'onError'],
};
const FLOW: Shape = {
  order: ['schema', 'name', 'description', 'trigger', 'steps', 'edges', 'layout'],
  fields: { trigger: NODE, steps: NODE, edges: { order: ['from', 'to', 'port'] } },
};
const DOCUMENT: Shape = {
  order: ['format', 'id', 'active', 'published', 'draft'],
  fields: { published: FLOW, draft: FLOW },
};

/** A copy with keys in the shape's order (a list's items take the list's shape). */
function ordered(value: JsonValue, shape?: Shape): JsonValue {
  if (Array.isArray(value)) return value.map((item) => ordered(item, shape));
  if (typeof value !== 'object' || value === null) return value;
  const order = shape?.order ?? [];
  const keys = Object.keys(value);
  const sequence = [...order.filter((key) => keys.includes(key)), ...keys.filter((key) => !order.includes(key)).sort()];
  return Object.fromEntries(
    sequence.flatMap((key) => (value[key] === undefined ? [] : [[key, ordered(value[key]!, shape?.fields?.[key])]])),
  );
}

/** The definition with its keys in the file order (equal definitions give equal JSON text). */
export function canonicalFlow(flow: FlowDefinition): FlowDefinition {
  return ordered(toJson(flow), FLOW) as unknown as FlowDefinition;
}

/** A file document for a flow (definitions given with credentials by name). */
export function flowFile(input: {
  id: string;
  active: boolean;
  published: FlowDefinition | null;
  draft: FlowDefinition;
}): FlowFile {
  const published = input.published && canonicalFlow(input.published);
  const draft = canonicalFlow(input.draft);
  const file: FlowFile = { format: FLOW_FILE_FORMAT, id: input.id, active: input.active, published };
  if (!published || JSON.stringify(published) !== JSON.stringify(draft)) file.draft = draft;
  return file;
}

/** The draft a file describes: its `draft`, else its published version. */
export function draftOf(file: FlowFile): FlowDefinition {
  return (file.draft ?? file.published)!;
}

/** A file's text: pretty-printed with two spaces, keys in the file order, ending with a newline. */
export function flowFileText(file: FlowFile): string {
  const normal = flowFile({ id: file.id, active: file.active, published: file.published, draft: draftOf(file) });
  return `${JSON.stringify(ordered(toJson(normal), DOCUMENT), null, 2)}\n`;
}

/** Where a flow's file goes in an export folder. */
export function flowFileName(id: string): string {
  return `${id}.json`;
}

/** The shape problems of a parsed file (its definitions are checked by flow validation afterwards). */
export function flowFileProblems(value: unknown): { pointer: string; message: string }[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ pointer: '', message: 'a flow file must be a JSON object' }];
  const file = value as Record<string, unknown>;
  const problems: { pointer: string; message: string }[] = [];
  if (file.format !== FLOW_FILE_FORMAT) problems.push({ pointer: '/format', message: `must be "${FLOW_FILE_FORMAT}"` });
  if (typeof file.id !== 'string' || !new RegExp(FLOW_ID_PATTERN).test(file.id))
    problems.push({ pointer: '/id', message: 'must be 1-100 letters, digits, "_" or "-"' });
  if (typeof file.active !== 'boolean') problems.push({ pointer: '/active', message: 'must be true or false' });
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (file.published !== null && !isObject(file.published))
    problems.push({ pointer: '/published', message: 'must be a flow definition or null' });
  if (file.draft !== undefined && !isObject(file.draft))
    problems.push({ pointer: '/draft', message: 'must be a flow definition' });
  if (file.published === null && file.draft === undefined)
    problems.push({ pointer: '/draft', message: 'is required when the flow was never published' });
  return problems;
}

function toJson(value: object): JsonValue {
  return value as unknown as JsonValue;
}
