/**
 * What the request path tells activity (plugins/auth.ts calls it): a key's request admitted, or a
 * request that presented a key refused. `refused` is the one door every refusal goes through, for
 * any reason: the authenticator's refusals (revoked, expired, retired, an X-RakerOne-Act-As the key
 * may not send or a person it cannot act as) and the route's (missing capability, admin route). A new
 * reason (a suspended key, an address outside the key's allowed list) is counted by refusing through
 * the same paths; nothing here needs to know the reason.
 */
import type { FastifyRequest } from 'fastify';
import { checkSecret, hashSecret } from '../../../shared/key-format.js';
import { BEARER } from '../auth/bearer.js';
import type { ActivityTracker } from './activity-tracker.js';

/** The refused request's key: its id when the caller knows it, else the Authorization header it sent. */
export type PresentedKey = { apiKeyId: string } | { authorization: string | undefined };

export interface KeyActivityHook {
  admitted(apiKeyId: string, request: FastifyRequest): void;
  refused(presented: PresentedKey): void;
  /** Waits for refusals still being looked up, then writes everything pending. */
  flush(): Promise<void>;
}

export function createKeyActivityHook(deps: {
  tracker: ActivityTracker;
  /** The key with this secret hash, whatever its status (a revoked key is not found by authentication). */
  keyIdBySecretHash(secretHash: string): Promise<string | undefined>;
  onError(error: unknown): void;
}): KeyActivityHook {
  const { tracker, keyIdBySecretHash, onError } = deps;
  const lookups = new Set<Promise<void>>();
  /**
   * Keys found by hash: a hash names the same key forever (hashes are unique and never reassigned),
   * so a revoked key tried again and again costs one lookup, not one per attempt. Unknown hashes are
   * not remembered (junk is unbounded).
   */
  const found = new Map<string, string>();

  return {
    admitted(apiKeyId, request) {
      tracker.admitted(apiKeyId, request.ip as string | undefined, request.headers['user-agent']);
    },
    refused(presented) {
      if ('apiKeyId' in presented) {
        tracker.refused(presented.apiKeyId);
        return;
      }
      // Only a well-formed API key can have "matched": anything else costs no lookup.
      const token = presented.authorization === undefined ? undefined : BEARER.exec(presented.authorization)?.[1];
      if (token === undefined || checkSecret(token) !== 'apiKey') return;
      const hash = hashSecret(token);
      const known = found.get(hash);
      if (known !== undefined) {
        tracker.refused(known);
        return;
      }
      const lookup = keyIdBySecretHash(hash)
        .then((id) => {
          if (id === undefined) return;
          if (found.size >= 10_000) found.clear();
          found.set(hash, id);
          tracker.refused(id);
        })
        .catch(onError)
        .finally(() => lookups.delete(lookup));
      lookups.add(lookup);
    },
    async flush() {
      await Promise.all([...lookups]);
      await tracker.flush();
    },
  };
}
