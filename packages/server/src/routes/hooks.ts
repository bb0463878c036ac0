// Webhook ingress: `POST|PUT|PATCH|DELETE|GET /hooks/:flowId[/...]`. The event and its run are persisted in one
// transaction before we answer, so an accepted webhook is never lost; redeliveries of a provider event id
// return the original run. Flows with a `respond` step answer with that step's response (or 504 on timeout).
// Order: the signature or access check, then the body (docs/webhook-verification.md); refusals are logged.
// A process that executes runs keeps its webhook runs: stored claimed by its worker, they run at once or wait
// in its bounded backlog (no claim-and-reload round trip). Admission (runs/ingress-admission.ts) holds a place
// for the delivery before its body is read; with none free after a short wait it is refused with 503 +
// Retry-After before anything is stored, so the sender retries and nothing accepted is lost. A web-only
// process (no worker) queues the run and wakes the workers, refusing likewise while the shared queue is full.
// A respond-mode run of a pure flow (runs/pure-flow.ts) that finds a free slot runs in memory first and is then
// stored whole (event, run, steps, logs) in one group-committed write; the answer goes out only after that
// commit. If the process dies before it, nothing was acknowledged: the sender gets no answer and retries. A
// redelivery (same provider event id) is detected at that commit and answered with the original run.
// A flow that is not live while an editor listens for a test event takes a delivery as sample data only: verified
// against its draft, handed to the editor, neither stored nor run (http/hook-samples.ts).
// An upload (multipart, a binary body) to a built-in trigger without a body signature streams to files after the
// access check (http/webhook-files.ts); the files are durable before the run is stored, linked to it in the
// run's transaction, and removed when the delivery is refused or a duplicate.
import type { FlowDefinition, HttpResponseSpec, JsonValue } from '@weft/core';
import type { FlowVersionRow } from '@weft/store';
import type { Context, Middleware } from 'koa';
import type { Services } from '../context.js';
import type { FlowRunEvent } from '../runs/event-bus.js';
import { readRawBody } from '../http/body.js';
import { HttpProblem } from '../http/problem.js';
import { parseWebhookBody } from '../http/webhook-body.js';
import { readUpload, spillsUpload, type Upload } from '../http/webhook-files.js';
import { guardBuiltinWebhook } from '../http/webhook-guard.js';
import { redactWebhookHeaders } from '../http/webhook-headers.js';
import { hookSamplesOf } from '../http/hook-samples.js';
import type { Pass, Refusal } from '../runs/ingress-admission.js';
import { isPureFlow } from '../runs/pure-flow.js';

const HOOK_PATH = /^\/hooks\/([A-Za-z0-9_-]+)(\/.*)?$/;
const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']);
/** Headers that carry a provider's delivery id, checked in order when the trigger names none. */
const EVENT_ID_HEADERS = ['idempotency-key', 'webhook-id', 'svix-id', 'x-github-delivery', 'x-event-id'];
/** What a delivery interrupted by a stopping server is told to wait. */
const BACKLOG_RETRY_AFTER_SECONDS = 1;

export function hookIngress(services: Services): Middleware {
  return async (ctx, next) => {
    const match = HOOK_PATH.exec(ctx.path);
    if (!match) return next();
    if (!METHODS.has(ctx.method)) {
      ctx.set('Allow', 'GET, POST, PUT, PATCH, DELETE');
      throw new HttpProblem(
        405,
        'method_not_allowed',
        `Webhooks accept GET, POST, PUT, PATCH and DELETE, not ${ctx.method}.`,
      );
    }
    await receive(ctx, services, match[1]!, match[2] ?? '');
  };
}

async function receive(ctx: Context, services: Services, flowId: string, subPath: string): Promise<void> {
  try {
    await deliver(ctx, services, flowId, subPath);
    if (ctx.status < 400) services.telemetry?.webhookAccepted(flowId);
  } catch (error) {
    // Every refusal is logged with the flow and the reason (the problem code), never headers or the body.
    if (error instanceof HttpProblem && error.status < 500) {
      const log = error.status === 401 ? services.logger.warn : services.logger.info;
      log.call(services.logger, { flowId, reason: error.code, status: error.status }, 'webhook rejected');
    }
    // Refusals (not a late respond-mode answer: that run was accepted) are counted and listed (metrics/).
    if (error instanceof HttpProblem && error.code !== 'respond_timeout')
      services.telemetry?.webhookRejected(flowId, error.code, error.status);
    throw error;
  }
}

async function deliver(ctx: Context, services: Services, flowId: string, subPath: string): Promise<void> {
  const live = await services.flowCache.getLive(flowId);
  if (!live && hookSamplesOf(services.store).listening(flowId)) return deliverSample(ctx, services, flowId, subPath);
  if (!live) throw new HttpProblem(404, 'hook_not_found', `No active flow listens at /hooks/${flowId}.`);
  // A place is held before reading the body or checking the signature: refusing must cost far less than
  // accepting, or senders retrying at once starve the runs the process holds (nothing is stored, so nothing is lost).
  const pass = await services.admission.enter();
  if ('code' in pass) refuse(ctx, pass);
  try {
    await accept(ctx, services, { flowId, subPath, live, pass });
  } finally {
    pass.release();
  }
}

/** A delivery holding a place: verified, parsed, stored (and in respond mode answered by its run). */
async function accept(
  ctx: Context,
  services: Services,
  { flowId, subPath, live, pass }: { flowId: string; subPath: string; live: FlowVersionRow; pass: Pass },
): Promise<void> {
  const { store, config, logger, wake } = services;
  const definition = live.definition;
  // An upload (multipart, a binary body) to a flow without a body signature goes to files (http/webhook-files.ts).
  const uploading = spillsUpload(ctx, services, definition);
  const raw = uploading ? Buffer.alloc(0) : await readRawBody(ctx, config.bodyLimit);
  let upload: Upload | undefined;
  // The signature (or access check) comes first: a forged delivery is refused before its body is read.
  let input: JsonValue;
  let eventId: string | undefined;
  let secretHeaders: string[] = [];
  if (definition.trigger.connector === 'webhook@1') {
    const guard = await guardBuiltinWebhook(ctx, services, definition, raw);
    if (uploading) upload = await readUpload(ctx, services);
    const parsed = upload ? { ok: true as const, body: upload.body } : parseWebhookBody(ctx, raw);
    if (!parsed.ok) throw parsed.problem;
    secretHeaders = guard.secretHeaders;
    eventId = guard.signedEventId ?? providerEventId(ctx, definition);
    input = {
      method: ctx.method,
      path: subPath || '/',
      headers: redactWebhookHeaders(ctx.headers, secretHeaders),
      query: queryOf(ctx),
      body: parsed.body,
    };
  } else {
    const verified = await connectorWebhook(ctx, services, definition, raw);
    if (verified.response) {
      // A handshake (e.g. Slack's url_verification): answered, nothing to run.
      ctx.status = verified.response.status;
      for (const [name, value] of Object.entries(verified.response.headers ?? {})) ctx.set(name, value);
      ctx.body = typeof verified.response.body === 'string' ? verified.response.body : (verified.response.body ?? '');
      return;
    }
    // A verified trigger's id comes from its connector (what the signature covers); an unsigned one may use the
    // usual delivery id headers.
    eventId = verified.eventId ?? (verified.signed ? undefined : providerEventId(ctx, definition));
    if (verified.events.length !== 1) {
      // None (filtered out, a ping) or several in one delivery: one run per event, each deduplicated on its own.
      const runIds: string[] = [];
      for (const [i, event] of verified.events.entries()) {
        const received = await store.webhookEvents.receive({
          flowId,
          flowVersion: live.version,
          headers: redactWebhookHeaders(ctx.headers),
          body: raw,
          input: event,
          ...(eventId ? { providerEventId: `${eventId}#${i}` } : {}),
        });
        if (received.duplicate)
          logger.info({ flowId, reason: 'duplicate', runId: received.runId }, 'webhook duplicate');
        runIds.push(received.runId);
      }
      if (runIds.length) wake();
      ctx.status = runIds.length ? 202 : 200;
      ctx.body = { runIds };
      return;
    }
    input = verified.events[0]!;
  }
  const respondMode = definition.steps.some((s) => s.use === 'respond');
  const files = upload?.files.map((f) => f.$file.id) ?? [];
  // The event of an upload keeps what the run was given: fields and file references (the bytes are in the files).
  const stored = upload ? JSON.stringify(upload.body) : raw;
  const delivery: Delivery = {
    flowId,
    version: live.version,
    definition,
    raw: stored,
    input,
    secretHeaders,
    eventId,
    files,
  };
  try {
    await persist(ctx, services, { delivery, respondMode, pass });
  } finally {
    // A refused or duplicate delivery keeps none of its files; a stored run keeps them (linked in its transaction).
    if (upload) await services.files?.discardUnlinked(upload.files);
  }
}

/** Persists the delivery's run (claimed here, or queued) and answers: 202, or the flow's response. */
async function persist(
  ctx: Context,
  services: Services,
  { delivery, respondMode, pass }: { delivery: Delivery; respondMode: boolean; pass: Pass },
): Promise<void> {
  const { store, worker, config, logger, wake } = services;
  const { flowId, definition, raw, input, secretHeaders, eventId } = delivery;
  if (respondMode && isPureFlow(definition) && (await respondInMemory(ctx, services, delivery, pass))) return;
  let responses: ReturnType<typeof listenForResponse> | undefined;
  try {
    // When this process executes runs, the run is stored already claimed by its worker and starts at once or
    // waits in its backlog; otherwise it is queued for the workers. Either way it is persisted before we answer.
    const claim = admit(ctx, pass);
    let received;
    try {
      received = await store.webhookEvents.receive({
        flowId,
        flowVersion: delivery.version,
        versionChecked: true,
        headers: redactWebhookHeaders(ctx.headers, secretHeaders),
        body: raw,
        input,
        ...(eventId ? { providerEventId: eventId } : {}),
        ...(claim ? { claim } : {}),
        ...(delivery.files.length ? { files: delivery.files } : {}),
      });
    } finally {
      // Subscribed before the worker gets the run: a run emits its response only after awaiting its journal.
      if (respondMode && received && !received.duplicate) responses = listenForResponse(services, received.runId);
      if (claim) worker.adopt(received?.run, definition);
    }
    if (received.duplicate) {
      logger.info({ flowId, reason: 'duplicate', runId: received.runId }, 'webhook duplicate');
      ctx.status = 200;
      ctx.body = { runId: received.runId, duplicate: true };
      return;
    }
    if (!claim) wake();
    if (!responses) {
      ctx.status = 202;
      ctx.body = { runId: received.runId };
      return;
    }
    const outcome = await withTimeout(responses.outcome, config.respondTimeoutMs);
    if (outcome === 'timeout' || outcome === 'finished') {
      const detail =
        outcome === 'timeout'
          ? `The flow did not respond within ${config.respondTimeoutMs} ms; the run goes on.`
          : 'The run finished without reaching its respond step.';
      throw new HttpProblem(504, 'respond_timeout', detail, { runId: received.runId });
    }
    answerWith(ctx, outcome, received.runId);
  } finally {
    responses?.close();
  }
}

/**
 * A delivery to a flow that is not live, while an editor listens: verified against the draft's trigger like any
 * delivery (signature first), then handed to the listener as sample data. Nothing is stored and no run starts.
 */
async function deliverSample(ctx: Context, services: Services, flowId: string, subPath: string): Promise<void> {
  const flow = await services.store.flows.get(flowId);
  if (!flow) throw new HttpProblem(404, 'hook_not_found', `No active flow listens at /hooks/${flowId}.`);
  const { definition } = flow;
  const raw = await readRawBody(ctx, services.config.bodyLimit);
  let input: JsonValue | undefined;
  if (definition.trigger.connector === 'webhook@1') {
    const guard = await guardBuiltinWebhook(ctx, services, definition, raw);
    const parsed = parseWebhookBody(ctx, raw);
    if (!parsed.ok) throw parsed.problem;
    const headers = redactWebhookHeaders(ctx.headers, guard.secretHeaders);
    input = { method: ctx.method, path: subPath || '/', headers, query: queryOf(ctx), body: parsed.body };
  } else {
    const verified = await connectorWebhook(ctx, services, definition, raw);
    if (verified.response) return answerHandshake(ctx, verified.response);
    input = verified.events[0];
  }
  // No event (a filtered type, a ping): answered, nothing to show. A listener that left meanwhile still finds the
  // sample among the flow's recent deliveries.
  const sample = input === undefined ? undefined : hookSamplesOf(services.store).offer(flowId, input, Date.now());
  ctx.status = 200;
  ctx.body = { sample: sample?.id ?? null };
}

function answerHandshake(ctx: Context, response: { status: number; headers?: Record<string, string>; body?: unknown }) {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) ctx.set(name, value);
  ctx.body = typeof response.body === 'string' ? response.body : (response.body ?? '');
}

interface Delivery {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  raw: Buffer | string;
  input: JsonValue;
  secretHeaders: string[];
  eventId: string | undefined;
  /** Ids of the files of an upload, linked to the run when it is stored. */
  files: string[];
}

/**
 * Runs a pure flow in memory and stores it all at once before answering; false when no slot is free and the
 * delivery holds no admission place to wait with (it is then stored the usual way).
 */
async function respondInMemory(ctx: Context, services: Services, delivery: Delivery, pass: Pass): Promise<boolean> {
  const { worker, store, config, logger } = services;
  const { flowId, input, eventId } = delivery;
  const started = worker.runInMemory(
    flowId,
    delivery.definition,
    input,
    async ({ runId, startedAt, outcome, journal }) => {
      // Only a stopping server cancels a run in memory: nothing is stored, and the sender is told to retry.
      if (outcome.status === 'cancelled') {
        ctx.set('Retry-After', String(BACKLOG_RETRY_AFTER_SECONDS));
        throw new HttpProblem(
          503,
          'shutting_down',
          'The server stopped while this webhook ran; nothing was stored: send it again.',
          { retryAfter: BACKLOG_RETRY_AFTER_SECONDS },
        );
      }
      const received = await store.webhookEvents.receiveFinished({
        flowId,
        flowVersion: delivery.version,
        headers: redactWebhookHeaders(ctx.headers, delivery.secretHeaders),
        body: delivery.raw,
        input,
        ...(eventId ? { providerEventId: eventId } : {}),
        ...(delivery.files.length ? { files: delivery.files } : {}),
        runId,
        startedAt,
        status: outcome.status,
        output: outcome.output,
        ...(outcome.error ? { error: outcome.error } : {}),
        journal,
      });
      return { received, response: outcome.response };
    },
    { admitted: pass.holding },
  );
  if (!started) return false;
  pass.spent();
  const result = await withTimeout(started.done, config.respondTimeoutMs);
  if (result === 'timeout') {
    const detail = `The flow did not respond within ${config.respondTimeoutMs} ms; the run goes on.`;
    throw new HttpProblem(504, 'respond_timeout', detail, { runId: started.runId });
  }
  const { received, response } = result;
  if (received.duplicate) {
    logger.info({ flowId, reason: 'duplicate', runId: received.runId }, 'webhook duplicate');
    ctx.status = 200;
    ctx.body = { runId: received.runId, duplicate: true };
    return true;
  }
  if (!response) {
    const detail = 'The run finished without reaching its respond step.';
    throw new HttpProblem(504, 'respond_timeout', detail, { runId: received.runId });
  }
  answerWith(ctx, response, received.runId);
  return true;
}

function answerWith(ctx: Context, response: HttpResponseSpec, runId: string): void {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
  ctx.set('x-weft-run-id', runId);
  ctx.body = response.body === null ? '' : typeof response.body === 'object' ? response.body : String(response.body);
}

/** The place the pass holds in this process's worker, or undefined when it executes no runs; 503 when none. */
function admit(ctx: Context, pass: Pass) {
  const admission = pass.claim();
  if (admission !== 'full') return admission;
  return refuse(ctx, { code: 'backlog_full', retryAfter: BACKLOG_RETRY_AFTER_SECONDS });
}

const REFUSALS: Record<Refusal['code'], string> = {
  backlog_full:
    'Every worker slot of this server is busy and its backlog of waiting runs is full (WEFT_MAX_BACKLOG, or ' +
    'half a second of runs at the rate it completes them); nothing was stored: send the webhook again later.',
  queue_full:
    'The queue of runs waiting for workers is full (WEFT_MAX_QUEUED); nothing was stored: send the webhook ' +
    'again later.',
};

function refuse(ctx: Context, { code, retryAfter }: Refusal): never {
  ctx.set('Retry-After', String(retryAfter));
  throw new HttpProblem(503, code, REFUSALS[code], { retryAfter });
}

type ResponseOutcome = HttpResponseSpec | 'finished';

/** The first `response` or `run.finished` event of one run. */
function listenForResponse({ bus }: Services, runId: string) {
  let close: () => void = () => undefined;
  const outcome = new Promise<ResponseOutcome>((resolve) => {
    const take = (event: FlowRunEvent) => {
      if (event.type === 'response') resolve(event.response);
      else if (event.type === 'run.finished') resolve('finished');
    };
    close = bus.subscribe(`run:${runId}`, take);
    // Replies that arrived before this subscription (a worker elsewhere took the run at once).
    for (const event of bus.repliesSoFar(runId)) take(event);
  });
  return { outcome, close: () => close() };
}

/**
 * A connector's webhook trigger (Stripe, GitHub, ...): its verifier checks the signature over the raw bytes
 * first; only an authentic (or unsigned) delivery is parsed and turned into events.
 */
async function connectorWebhook(ctx: Context, { platform }: Services, flow: FlowDefinition, raw: Buffer) {
  const { connector, trigger, credential } = flow.trigger;
  const definition = platform?.registry.trigger(connector, trigger);
  if (!platform || definition?.kind !== 'webhook') {
    throw new HttpProblem(
      404,
      'hook_not_found',
      `This flow is started by ${connector} "${trigger}", not by a webhook.`,
    );
  }
  const values = credential ? (await platform.credentials.get(credential))?.values : undefined;
  const secret = values?.signingSecret ?? values?.webhookSecret ?? values?.secret;
  const headers = Object.fromEntries(
    Object.entries(ctx.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
  );
  const request = { method: ctx.method, headers, rawBody: raw, query: queryOf(ctx) };
  const signed = Boolean(definition.verify ?? platform.registry.get(connector)?.connector.webhook?.verify);
  const rejection = await platform.registry.verifyWebhook(connector, trigger, {
    request,
    ...(secret ? { secret } : {}),
  });
  if (rejection) throw new HttpProblem(401, rejection.reason, rejection.message);
  const parsed = parseWebhookBody(ctx, raw, 'json');
  if (!parsed.ok) throw parsed.problem;
  const body = parsed.body;
  const outcome = await platform.registry.receiveWebhook(connector, trigger, {
    ...(flow.trigger.config ? { config: flow.trigger.config } : {}),
    request: { ...request, ...(body !== null && typeof body === 'object' ? { body } : {}) },
    ...(secret ? { secret } : {}),
  });
  if (!outcome.ok) throw new HttpProblem(401, outcome.reason, outcome.message);
  return { ...outcome, signed };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]).finally(
    () => clearTimeout(timer),
  );
}

function providerEventId(ctx: Context, flow: FlowDefinition): string | undefined {
  const configured = flow.trigger.config?.eventIdHeader;
  const names = typeof configured === 'string' ? [configured.toLowerCase()] : EVENT_ID_HEADERS;
  for (const name of names) {
    const value = ctx.get(name);
    if (value) return value;
  }
  return undefined;
}

/** The query as strings: a repeated parameter is its values joined with commas. */
function queryOf(ctx: Context): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ctx.query).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );
}
