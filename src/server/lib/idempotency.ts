/**
 * `Idempotency-Key` for creates. The key is remembered per organization and per kind of create
 * (scope) with a fingerprint of the request: the same key with the same request replays the original
 * result; with a different request it is a 409. The idempotency row is inserted in the same
 * transaction as the resource, so a concurrent duplicate fails on the primary key and replays.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../shared/errors.js';
import { isUniqueViolation } from '../db/database.js';
import type { DatabaseSchema } from '../db/schema.js';
import { newId } from './ids.js';

export interface IdempotentRequest {
  organizationId: string;
  scope: string;
  /** The client's Idempotency-Key header, if any. */
  key: string | undefined;
  /** What makes two requests "the same": the parsed body plus anything else that matters. */
  request: unknown;
}

export type IdempotentOutcome<T> = { replayed: false; value: T } | { replayed: true; resourceId: string };

/** Stable JSON (sorted object keys), so equal requests give equal fingerprints. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

class IdempotencyRace extends Error {}

/**
 * Runs `create` in a transaction unless this idempotency key was seen before. The resource id is
 * chosen here, so the idempotency row can be written first: a concurrent duplicate then fails on its
 * primary key before doing anything, and errors of `create` itself (say, a duplicate secret hash)
 * reach the caller unchanged.
 */
/**
 * Idempotency keys belong to who sent them, within one kind of create: an API key acting as itself,
 * an API key acting as one person (impersonation: the same key acting as another person is another
 * caller, whose action must happen and be recorded under them), or a person (any of their admin
 * tokens). Another caller reusing the same key gets its own outcome, never a replay of someone else's
 * resource (which could reveal a record the second caller may not read).
 */
export function idempotencyScope(kind: string, caller: { actor: { id: string; viaKey: { id: string } | null } }): string {
  const { actor } = caller;
  return actor.viaKey ? `${kind}:${actor.viaKey.id}:as:${actor.id}` : `${kind}:${actor.id}`;
}

export async function runIdempotent<T>(
  db: Kysely<DatabaseSchema>,
  request: IdempotentRequest,
  now: string,
  create: (trx: Transaction<DatabaseSchema>, resourceId: string) => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  const resourceId = newId();
  if (request.key === undefined) {
    const value = await db.transaction().execute((trx) => create(trx, resourceId));
    return { replayed: false, value };
  }
  const { key } = request;
  const fingerprint = fingerprintOf(request.request);
  const existing = await find(db, request.organizationId, request.scope, key);
  if (existing) return replay(existing, fingerprint);
  try {
    const value = await db.transaction().execute(async (trx) => {
      try {
        await trx
          .insertInto('idempotency_keys')
          .values({ organization_id: request.organizationId, scope: request.scope, key, fingerprint, resource_id: resourceId, created_at: now })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new IdempotencyRace();
        throw error;
      }
      return create(trx, resourceId);
    });
    return { replayed: false, value };
  } catch (error) {
    // Lost a race with a concurrent request carrying the same key: it made the resource, we replay it.
    if (!(error instanceof IdempotencyRace)) throw error;
    const winner = await find(db, request.organizationId, request.scope, key);
    if (!winner) throw new AppError('CONFLICT', 'A request with this Idempotency-Key is in progress; retry shortly');
    return replay(winner, fingerprint);
  }
}
async function find(db: Kysely<DatabaseSchema>, organizationId: string, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'resource_id'])
    .where('organization_id', '=', organizationId)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

function replay(row: { fingerprint: string; resource_id: string }, fingerprint: string): IdempotentOutcome<never> {
  if (row.fingerprint !== fingerprint) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was already used with a different request', {
      hint: 'Use a new Idempotency-Key for a different request.',
    });
  }
  return { replayed: true, resourceId: row.resource_id };
}
