import { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../../src/main/http/api-client.js';
import { backoffDelay } from '../../../../src/main/http/backoff.js';
import { HttpError, mapHttpError } from '../../../../src/main/http/map-error.js';
import type { AppError } from '../../../../src/shared/errors.js';
import { createFakeServer } from '../../../helpers/fake-server.js';

function client(adapter: AxiosAdapter, delays: number[] = []) {
  return createApiClient({
    serverUrl: 'https://r.test',
    getToken: async () => 'rkr_adm_token',
    adapter,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
  });
}

const answer = (config: InternalAxiosRequestConfig, status: number, data: unknown) => {
  const response = { data, status, statusText: '', headers: {}, config, request: {} };
  if (status >= 400) throw new AxiosError('failed', 'ERR_BAD_RESPONSE', config, {}, response);
  return response;
};

describe('API client', () => {
  it('sends the bearer token, and an Idempotency-Key on creates', async () => {
    const server = createFakeServer();
    const api = createApiClient({ serverUrl: 'https://r.test', getToken: async () => server.adminToken, adapter: server.adapter });
    await api.createKey({ name: 'n', capabilities: [], canImpersonate: false, secretHash: 'a'.repeat(64), hint: 'rkr_key_…abcd' }, 'idem-key-123');
    expect(server.requests[0]).toMatchObject({ method: 'POST', idempotencyKey: 'idem-key-123', authorization: `Bearer ${server.adminToken}` });
  });

  it('retries idempotent calls on 503 / network errors with growing, jittered delays, then gives up', async () => {
    let calls = 0;
    const delays: number[] = [];
    const api = client(async (config) => {
      calls += 1;
      return answer(config, 503, 'busy');
    }, delays);
    await expect(api.listKeys()).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(calls).toBe(3);
    expect(delays).toEqual([backoffDelay(0, { baseMs: 300, capMs: 5000 }, () => 0.5), backoffDelay(1, { baseMs: 300, capMs: 5000 }, () => 0.5)]);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
  });

  it('honours Retry-After: never retries sooner than asked, and leaves a longer pause to the sync', async () => {
    const limited = (seconds: number) => {
      let calls = 0;
      const delays: number[] = [];
      const api = client(async (config) => {
        calls += 1;
        if (calls > 1) return answer(config, 200, { items: [], nextCursor: null });
        return answer(config, 429, { error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterSeconds: seconds } } });
      }, delays);
      return { api, delays, calls: () => calls };
    };
    const short = limited(2);
    await expect(short.api.listKeys()).resolves.toEqual([]);
    expect(short.delays).toEqual([2_000]);
    const long = limited(30);
    await expect(long.api.listKeys()).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
    expect(long.calls()).toBe(1);
    expect(long.delays).toEqual([]);
  });

  it('does not retry a timeout (it already waited a whole timeout)', async () => {
    let calls = 0;
    const api = client(async (config) => {
      calls += 1;
      throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED', config, {});
    });
    await expect(api.listKeys()).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(calls).toBe(1);
  });

  it('does not retry a permanent answer, and keeps the server error body', async () => {
    let calls = 0;
    const api = client(async (config) => {
      calls += 1;
      return answer(config, 403, { error: { code: 'FORBIDDEN', message: 'Missing capability', details: { capability: 'x' }, requestId: 'req-1' } });
    });
    const error = await api.listKeys().catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).toDto()).toEqual({ code: 'FORBIDDEN', message: 'Missing capability', details: { capability: 'x' }, requestId: 'req-1' });
  });

  it('the health probe never retries and sends no credential', async () => {
    const seen: (string | undefined)[] = [];
    const api = client(async (config) => {
      seen.push(String(config.headers?.Authorization ?? ''));
      throw new AxiosError('refused', 'ECONNREFUSED', config, {});
    });
    await expect(api.health()).rejects.toMatchObject({ code: 'NETWORK' });
    expect(seen).toEqual(['']);
  });

  it('rejects answers outside the contract', async () => {
    const api = client(async (config) => answer(config, 200, { items: [{ id: 'not-a-key' }], nextCursor: null }));
    await expect(api.listKeys()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/unexpected format/) });
  });

  it('follows cursors to list every key', async () => {
    const server = createFakeServer();
    const pages: (string | undefined)[] = [];
    const api = client(async (config) => {
      const cursor = (config.params as { cursor?: string }).cursor;
      pages.push(cursor);
      return answer(config, 200, { items: [], nextCursor: cursor ? null : 'page-2' });
    });
    expect(await api.listKeys()).toEqual([]);
    expect(pages).toEqual([undefined, 'page-2']);
    void server;
  });
});

describe('error mapping', () => {
  const config = { headers: {} } as InternalAxiosRequestConfig;
  it('keeps no answer (NETWORK) and too slow (TIMEOUT) apart from server answers', () => {
    expect(mapHttpError(new AxiosError('x', 'ECONNREFUSED', config, {})).code).toBe('NETWORK');
    expect(mapHttpError(new AxiosError('x', 'ECONNABORTED', config, {})).code).toBe('TIMEOUT');
    expect(mapHttpError(new AxiosError('x', 'ETIMEDOUT', config, {})).code).toBe('TIMEOUT');
  });
  it('maps bare statuses to codes with generic, safe messages', () => {
    const of = (status: number, headers: Record<string, string> = {}) =>
      mapHttpError(new AxiosError('x', 'ERR', config, {}, { status, data: '<html>', headers, config, statusText: '', request: {} }));
    expect(of(401).code).toBe('UNAUTHORIZED');
    expect(of(404).code).toBe('NOT_FOUND');
    expect(of(409).code).toBe('CONFLICT');
    expect(of(429, { 'retry-after': '7' }).toDto()).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 7 } });
    expect(of(502).code).toBe('INTERNAL');
  });
  it('never carries the request config (and its Authorization header) along', () => {
    const error = mapHttpError(new AxiosError('x', 'ECONNREFUSED', { headers: { Authorization: 'Bearer rkr_adm_secret' } } as never, {}));
    expect(JSON.stringify(error)).not.toContain('rkr_adm_secret');
    expect(JSON.stringify((error as AppError).toDto())).not.toContain('rkr_adm_secret');
  });
});
