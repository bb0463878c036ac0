// Out-of-line payloads: written in the same transaction as the row whose column points at them, read back by
// everything that hands data to the engine (journal loads, claimed runs), never by API listings.
import type { JsonValue } from '@weft/core';
import { sql } from 'kysely';
import { WeftError } from '@weft/core';
import type { StoreContext } from './context.js';
import { isTruncatedPayload, type EncodedPayload, type PayloadLimits } from './payload.js';

export function limitsOf(ctx: StoreContext): PayloadLimits {
  return { inline: ctx.maxPayloadBytes, max: ctx.maxStoredPayloadBytes };
}

/** Writes (or replaces) the blob of an encoded payload, if it has one. Call inside the row's transaction. */
export async function writeBlob(tx: StoreContext, runId: string, encoded: EncodedPayload): Promise<void> {
  const blob = encoded.blob;
  if (!blob) return;
  await sql`insert into payload_blobs (run_id, slot, bytes, body) values (${runId}, ${blob.slot}, ${blob.bytes}, ${blob.body})
    on conflict (run_id, slot) do update set bytes = excluded.bytes, body = excluded.body`.execute(tx.db);
}

/**
 * Gives the whole payloads back for the values of one run that are out-of-line markers; other values pass
 * through. A marker whose payload is not there (written by a version that truncated) is an error: the engine
 * must never take a preview for the data.
 */
export async function resolvePayloads<T extends readonly (JsonValue | undefined)[]>(
  ctx: StoreContext,
  runId: string,
  values: T,
): Promise<T> {
  const slots = values.flatMap((value) => (isTruncatedPayload(value) ? [value.$blob ?? ''] : []));
  if (slots.length === 0) return values;
  const rows = await ctx.db
    .selectFrom('payload_blobs')
    .select(['slot', 'body'])
    .where('run_id', '=', runId)
    .where('slot', 'in', [...new Set(slots)])
    .execute();
  const found = new Map(rows.map((row) => [row.slot, row.body]));
  return values.map((value) => {
    if (!isTruncatedPayload(value)) return value;
    const body = found.get(value.$blob ?? '');
    if (body === undefined) {
      throw new WeftError(
        'payload_lost',
        `Run ${runId} has a ${value.originalBytes}-byte payload that was stored truncated, so it cannot continue ` +
          'from it. Retry the run from the start.',
        { fault: 'system', retryable: false, details: { runId, bytes: value.originalBytes } },
      );
    }
    return JSON.parse(body) as JsonValue;
  }) as unknown as T;
}

/** Copies the step payloads of a run to another run (a retry copies the finished steps that point at them). */
export async function copyStepBlobs(tx: StoreContext, fromRunId: string, toRunId: string): Promise<void> {
  await sql`insert into payload_blobs (run_id, slot, bytes, body)
    select ${toRunId}, slot, bytes, body from payload_blobs where run_id = ${fromRunId} and slot like 'step:%'`.execute(
    tx.db,
  );
}
