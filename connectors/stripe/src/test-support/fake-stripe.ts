// A fake of the Stripe REST API on 127.0.0.1 with Stripe's shapes: form-encoded bodies parsed the way Stripe
// parses them, `{ error: { type, code, message, param } }` errors, list objects with `has_more`, and replay of
// the first response for a repeated Idempotency-Key. Tests read `api.requests` and `objects`.
import { startFakeApi, type FakeApi, type FakeApiRequest, type FakeApiResponse } from '@weft/sdk/testing';

type StripeObject = Record<string, unknown> & { id: string };

export interface FakeStripe {
  api: FakeApi;
  /** `${api.url}/v1`: the connector's base URL in tests. */
  baseUrl: string;
  objects: Map<string, StripeObject>;
  /** Answers the next request to `METHOD /v1/path` with this response instead (e.g. a 500). */
  failNext(route: string, response: FakeApiResponse): void;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const objects = new Map<string, StripeObject>();
  const failures = new Map<string, FakeApiResponse[]>();
  const replays = new Map<string, { request: string; response: FakeApiResponse }>();
  let sequence = 0;
  const newId = (prefix: string) => `${prefix}_${(++sequence).toString(36).padStart(14, '0')}`;
  const created = 1_700_000_000;

  const put = (object: StripeObject) => {
    objects.set(object.id, object);
    return object;
  };
  put({ id: 'pm_card_visa', object: 'payment_method', type: 'card', customer: null, card: card() });
  put({ id: 'pm_card_mastercard', object: 'payment_method', type: 'card', customer: null, card: card('mastercard') });

  const routes: [
    string,
    RegExp,
    (r: FakeApiRequest, params: string[], form: Record<string, unknown>) => FakeApiResponse,
  ][] = [
    [
      'POST',
      /^\/v1\/customers$/,
      (_r, _p, form) =>
        ok(put({ id: newId('cus'), object: 'customer', ...customerFields(form), created, livemode: false })),
    ],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (_r, [id]) => found(id!, 'customer')],
    ['POST', /^\/v1\/customers\/([^/]+)$/, (_r, [id], form) => update(id!, 'customer', customerFields(form))],
    [
      'POST',
      /^\/v1\/payment_methods\/([^/]+)\/attach$/,
      (_r, [id], form) => {
        if (typeof form.customer !== 'string') return missing('customer');
        if (!objects.has(form.customer)) return notFound(form.customer);
        return update(id!, 'payment_method', { customer: form.customer });
      },
    ],
    [
      'POST',
      /^\/v1\/subscriptions$/,
      (_r, _p, form) => {
        if (typeof form.customer !== 'string') return missing('customer');
        if (!Array.isArray(form.items) || form.items.length === 0) return missing('items');
        const id = newId('sub');
        const items = (form.items as Record<string, string>[]).map((item) => ({
          id: newId('si'),
          object: 'subscription_item',
          price: { id: item.price, object: 'price' },
          quantity: Number(item.quantity ?? 1),
        }));
        return ok(
          put({
            id,
            object: 'subscription',
            customer: form.customer,
            status: form.trial_period_days ? 'trialing' : 'active',
            cancel_at_period_end: form.cancel_at_period_end === 'true',
            canceled_at: null,
            created,
            default_payment_method: form.default_payment_method ?? null,
            latest_invoice: newId('in'),
            metadata: form.metadata ?? {},
            items: { object: 'list', data: items, has_more: false },
          }),
        );
      },
    ],
    [
      'POST',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (_r, [id], form) => update(id!, 'subscription', { cancel_at_period_end: form.cancel_at_period_end === 'true' }),
    ],
    [
      'DELETE',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (_r, [id]) => update(id!, 'subscription', { status: 'canceled', canceled_at: created + 60 }),
    ],
    [
      'GET',
      /^\/v1\/invoices$/,
      (r) =>
        list(
          r,
          'invoice',
          (o) =>
            (!r.query.customer || o.customer === r.query.customer) && (!r.query.status || o.status === r.query.status),
        ),
    ],
    [
      'GET',
      /^\/v1\/invoices\/([^/]+)$/,
      (r, [id]) => {
        const response = found(id!, 'invoice');
        const invoice = response.json as StripeObject;
        if (response.status === 200 && r.query['expand[]'] === 'customer') {
          return ok({ ...invoice, customer: objects.get(invoice.customer as string) ?? invoice.customer });
        }
        return response;
      },
    ],
    [
      'POST',
      /^\/v1\/refunds$/,
      (_r, _p, form) => {
        const target = (form.payment_intent ?? form.charge) as string | undefined;
        if (!target) return missing('payment_intent');
        const payment = objects.get(target);
        if (!payment) return notFound(target);
        return ok(
          put({
            id: newId('re'),
            object: 'refund',
            amount: Number(form.amount ?? payment.amount),
            currency: payment.currency,
            status: 'succeeded',
            reason: form.reason ?? null,
            payment_intent: form.payment_intent ?? null,
            charge: form.charge ?? null,
            created,
            metadata: form.metadata ?? {},
          }),
        );
      },
    ],
  ];

  function update(id: string, object: string, fields: Record<string, unknown>): FakeApiResponse {
    const existing = objects.get(id);
    if (!existing || existing.object !== object) return notFound(id);
    return ok(put({ ...existing, ...fields }));
  }

  function found(id: string, object: string): FakeApiResponse {
    const existing = objects.get(id);
    return existing && existing.object === object ? ok(existing) : notFound(id);
  }

  function list(request: FakeApiRequest, object: string, filter: (o: StripeObject) => boolean): FakeApiResponse {
    const all = [...objects.values()].filter((o) => o.object === object && filter(o)).reverse();
    const after = request.query.starting_after;
    const start = after ? all.findIndex((o) => o.id === after) + 1 : 0;
    const limit = Number(request.query.limit ?? 10);
    const data = all.slice(start, start + limit);
    return ok({ object: 'list', url: `/v1/${object}s`, data, has_more: start + limit < all.length });
  }

  const api = await startFakeApi((request) => {
    const route = `${request.method} ${request.path}`;
    const failure = failures.get(route)?.shift();
    if (failure) return failure;
    if (!/^Bearer (sk|rk)_test_\w+$/.test(request.headers.authorization ?? '')) {
      return { status: 401, json: stripeError('invalid_request_error', undefined, 'Invalid API Key provided') };
    }
    const key = request.headers['idempotency-key'];
    const replay = key ? replays.get(key) : undefined;
    if (replay) {
      // Stripe replays the first response for a key, and refuses the key for a different request.
      if (replay.request === `${route} ${request.body}`) return replay.response;
      return {
        status: 400,
        json: stripeError(
          'idempotency_error',
          undefined,
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        ),
      };
    }
    for (const [method, pattern, handle] of routes) {
      const match = request.method === method ? pattern.exec(request.path) : null;
      if (!match) continue;
      if (
        request.method === 'POST' &&
        request.body &&
        !/x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')
      ) {
        return { status: 400, json: stripeError('invalid_request_error', undefined, 'Bodies must be form-encoded') };
      }
      const response = handle(request, match.slice(1), parseStripeForm(request.body));
      if (key && request.method === 'POST') replays.set(key, { request: `${route} ${request.body}`, response });
      return response;
    }
    return {
      status: 404,
      json: stripeError('invalid_request_error', undefined, `Unrecognized request URL (${route})`),
    };
  });

  return {
    api,
    baseUrl: `${api.url}/v1`,
    objects,
    failNext(route, response) {
      failures.set(route, [...(failures.get(route) ?? []), response]);
    },
    close: () => api.close(),
  };
}

let steps = 0;

/** Options for runAction against the fake: a test key and, like the engine, a new idempotency key per step. */
export function stepOptions(stripe: FakeStripe) {
  return { credentials: { apiKey: 'sk_test_123' }, baseUrl: stripe.baseUrl, idempotencyKey: `run:step-${++steps}` };
}

/** Parses `a[b][0][c]=v` bodies into nested objects and arrays, as Stripe does. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const numeric = /^\d+$/.test(path[index + 1]!);
      node[part] ??= numeric ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

function customerFields(form: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of ['email', 'name', 'phone', 'description', 'metadata', 'invoice_settings']) {
    if (form[name] !== undefined) fields[name] = form[name];
  }
  return fields;
}

function card(brand = 'visa') {
  return { brand, last4: brand === 'visa' ? '4242' : '4444', exp_month: 12, exp_year: 2034 };
}

const ok = (json: unknown): FakeApiResponse => ({ status: 200, json, headers: { 'request-id': 'req_fake' } });
const stripeError = (type: string, code: string | undefined, message: string, param?: string) => ({
  error: { type, ...(code ? { code } : {}), message, ...(param ? { param } : {}) },
});
const missing = (param: string): FakeApiResponse => ({
  status: 400,
  json: stripeError('invalid_request_error', 'parameter_missing', `Missing required param: ${param}.`, param),
});
const notFound = (id: string): FakeApiResponse => ({
  status: 404,
  json: stripeError('invalid_request_error', 'resource_missing', `No such object: '${id}'`, 'id'),
});
