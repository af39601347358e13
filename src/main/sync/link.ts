/**
 * The one owner of "can we talk to the server, and as whom": online, offline or unauthorized, for the
 * active session. Every API call reports its outcome here (observed-api.ts); nobody else decides.
 *
 * Reachability is decided by really calling the server (GET /api/health), never by the OS's online
 * flag, which says nothing about a VPN, a captive portal or a stopped server. While offline, probes
 * repeat with backoff + jitter (2 s, 4 s … up to 30 s); the first answer brings the link back online.
 * Unauthorized (a 401, or no token in the keychain) is left only by a new sign-in (`start`/`set`).
 */
import type { AppError } from '../../shared/errors.js';
import { backoffDelay, type BackoffPolicy } from '../http/backoff.js';
import type { Clock, Logger } from '../ports.js';

export type LinkStatus = 'online' | 'offline' | 'unauthorized';

export interface Link {
  status(): LinkStatus;
  /** Why the link is not online (null when online, or offline since sign-in with no call failed yet). */
  error(): AppError | null;
  /** A new session: probe once, online or offline (probing). Listeners are not told (the caller announces). */
  start(): Promise<LinkStatus>;
  /** A new session whose token cannot be read: set without probing, listeners not told. */
  set(status: LinkStatus, error: AppError | null): void;
  /** Signed out: stop probing. */
  stop(): void;
  /** The server answered a call. Offline → online (an unauthorized link stays so). */
  reached(): void;
  /** A call got no answer at all. Online → offline, probing starts. */
  unreachable(error: AppError): void;
  /** The server refused the token (401) or the keychain has none. */
  unauthorized(error: AppError): void;
  /** Probes once now if offline (sync:now); true if the link is online afterwards. */
  probeNow(): Promise<boolean>;
  /** Told of every change of status (or of the error's message). */
  subscribe(listener: (status: LinkStatus) => void): () => void;
  dispose(): void;
}

export function createLink(deps: { clock: Clock; logger: Logger; probe: () => Promise<boolean>; backoff?: BackoffPolicy; random?: () => number }): Link {
  const policy = deps.backoff ?? { baseMs: 2_000, capMs: 30_000 };
  const listeners = new Set<(status: LinkStatus) => void>();
  let status: LinkStatus = 'offline';
  let error: AppError | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let disposed = false;
  /** Bumped by every new session: a probe of an earlier one must not change this one. */
  let epoch = 0;

  const probe = () => deps.probe().catch(() => false);

  function change(next: LinkStatus, nextError: AppError | null) {
    const changed = next !== status || nextError?.message !== error?.message;
    status = next;
    error = nextError;
    if (next === 'offline') startProbing();
    else stopProbing();
    if (!changed) return;
    for (const listener of listeners) {
      try {
        listener(status);
      } catch (caught) {
        deps.logger.warn('A link listener failed', { error: caught });
      }
    }
  }

  function stopProbing() {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
    attempt = 0;
  }

  function startProbing() {
    if (timer || disposed) return;
    const delay = Math.max(policy.baseMs / 2, backoffDelay(attempt, policy, deps.random));
    const at = epoch;
    timer = deps.clock.setTimeout(async () => {
      const reached = await probe();
      timer = null;
      if (disposed || at !== epoch || status !== 'offline') return;
      attempt += 1;
      if (reached) change('online', null);
      else startProbing();
    }, delay);
  }

  return {
    status: () => status,
    error: () => error,
    async start() {
      const at = ++epoch;
      stopProbing();
      status = 'offline';
      error = null;
      const reached = await probe();
      if (at !== epoch || disposed) return status;
      status = reached ? 'online' : 'offline';
      if (!reached) startProbing();
      return status;
    },
    set(next, nextError) {
      epoch += 1;
      stopProbing();
      status = next;
      error = nextError;
      if (next === 'offline') startProbing();
    },
    stop() {
      epoch += 1;
      stopProbing();
      status = 'offline';
      error = null;
    },
    reached() {
      if (status === 'offline') change('online', null);
    },
    unreachable(cause) {
      if (status === 'online') change('offline', cause);
    },
    unauthorized(cause) {
      change('unauthorized', cause);
    },
    async probeNow() {
      if (status !== 'offline') return status === 'online';
      const at = epoch;
      const reached = await probe();
      if (reached && at === epoch && status === 'offline') change('online', null);
      return reached && at === epoch;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      stopProbing();
    },
  };
}
