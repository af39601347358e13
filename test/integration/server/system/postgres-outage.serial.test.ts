/**
 * PostgreSQL goes away under load (issue 18): two server nodes on one fresh database, reached through
 * a TCP proxy this test controls (test/helpers/tcp-proxy.ts), 50 concurrent HTTP clients, and for
 * each way a database goes away (refused, partitioned, failed over) an outage of OUTAGE_MS:
 *
 * - during the outage every answer is a 503 with Retry-After, within 2 s of the request (or of the cut,
 *   for one already in flight) — no 500, nothing reaches the client's timeout;
 * - within 5 s of the database being reachable again both nodes serve, without a restart;
 * - a key revoked before the outage is never accepted, before, during or after;
 * - nothing written before the outage (or acknowledged during it) is lost;
 * - each node logs the outage's start and end, not a line per request, and no stack trace.
 *
 * Timing bounds are the issue's own (2 s, 5 s); on this shared 2-core machine the measured answers
 * take well under them (the summary line per shape prints what was measured).
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../../../helpers/postgres.js';
import { type OutageShape, type TcpProxy, startTcpProxy } from '../../../helpers/tcp-proxy.js';
import { type ServeProcess, startServeProcess } from '../serve-process.js';
import { newOrg } from '../support.js';

const CLIENTS = 50;
const OUTAGE_MS = 4_000;
const CLIENT_TIMEOUT_MS = 5_000;
const ANSWER_WITHIN_MS = 2_000;
/**
 * The server bounds its database check by 0.9 s (pg-settings.ts probeMs), so /api/health answers
 * within a second; the test allows half a second more for this shared, loaded machine (measured:
 * one answer of 1,001 ms at load average 22).
 */
const HEALTH_WITHIN_MS = 1_500;
const RECOVER_WITHIN_MS = 5_000;
const PRE_OUTAGE_RECORDS = 30;

type Kind = 'me' | 'list' | 'create' | 'revoked' | 'health' | 'admin';
const KINDS: Kind[] = ['me', 'list', 'create', 'revoked', 'health', 'admin'];
const OK_STATUS: Record<Kind, number> = { me: 200, list: 200, create: 201, revoked: 401, health: 200, admin: 200 };

interface Answer {
  node: 0 | 1;
  kind: Kind;
  sentAt: number;
  doneAt: number;
  /** 0: no answer before the client's timeout (or the connection failed). */
  status: number;
  retryAfter: string | null;
  code: string | null;
  recordId: string | null;
  /** /api/health's `database` field. */
  database: string | null;
}

/** As it should be answered with the database there: a revoked key may also meet the failed sign-in limit. */
function answeredAsUsual(a: Answer): boolean {
  return a.status === OK_STATUS[a.kind] || (a.kind === 'revoked' && a.status === 429);
}

describe('PostgreSQL goes away under load: two serve nodes, 50 clients, a proxy that cuts the link', () => {
  let pg: TestDatabase;
  let proxy: TcpProxy;
  /** Two `serve` processes, as an operator runs them, on one database through the proxy. */
  const nodes: ServeProcess[] = [];
  let keySecret: string;
  let revokedSecret: string;
  let adminToken: string;
  let projectId: string;
  const preOutageRecordIds: string[] = [];
  const acknowledgedRecordIds = new Set<string>();

  beforeAll(async () => {
    pg = await createTestDatabase();
    const direct = new URL(pg.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    // Seeded directly (not through the proxy), by an app that is closed before the nodes start.
    const seeder = await buildApp({ database: { driver: 'postgres', url: pg.url, poolSize: 2 } });
    try {
      const org = await newOrg(seeder);
      adminToken = org.adminToken;
      projectId = org.projectId;
      keySecret = (await org.createKey({ name: 'Outage client', capabilities: ['data-record:read', 'data-record:write'] })).secret!;
      revokedSecret = (await org.createKey({ name: 'Revoked before the outage', capabilities: ['data-record:read'] })).secret!;
    } finally {
      await seeder.close();
    }
    const env = { DATABASE_URL: proxy.through(pg.url), RAKERONE_LAST_USED_INTERVAL_MS: '1000' };
    nodes.push(...(await Promise.all([0, 1].map(() => startServeProcess(['--access-log', 'off'], env)))));
    // Used once on each node, so both hold it in their credential cache when it is revoked.
    for (const node of nodes) expect((await request(node, 'GET', '/api/me', revokedSecret)).status).toBe(200);
    const me = (await (await request(nodes[0]!, 'GET', '/api/me', revokedSecret)).json()) as { apiKey: { id: string } };
    expect((await request(nodes[1]!, 'POST', `/api/admin/api-keys/${me.apiKey.id}/revoke`, adminToken)).status).toBe(200);
    for (const node of nodes) expect((await request(node, 'GET', '/api/me', revokedSecret)).status).toBe(401);
    for (let i = 0; i < PRE_OUTAGE_RECORDS; i++) {
      const res = await request(nodes[i % 2]!, 'POST', `/api/projects/${projectId}/records`, keySecret, { fields: { before: i } });
      expect(res.status).toBe(201);
      preOutageRecordIds.push(((await res.json()) as { record: { id: string } }).record.id);
    }
  });

  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await proxy?.close();
    await pg?.drop();
  });

  async function request(node: ServeProcess, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(`${node.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
  }

  async function send(nodeIndex: 0 | 1, kind: Kind, n: number): Promise<Answer> {
    const node = nodes[nodeIndex]!;
    const sentAt = performance.now();
    const answer: Answer = { node: nodeIndex, kind, sentAt, doneAt: 0, status: 0, retryAfter: null, code: null, recordId: null, database: null };
    try {
      const res =
        kind === 'me'
          ? await request(node, 'GET', '/api/me', keySecret)
          : kind === 'list'
            ? await request(node, 'GET', `/api/projects/${projectId}/records?limit=5`, keySecret)
            : kind === 'create'
              ? await request(node, 'POST', `/api/projects/${projectId}/records`, keySecret, { fields: { client: n } })
              : kind === 'revoked'
                ? await request(node, 'GET', '/api/me', revokedSecret)
                : kind === 'health'
                  ? await request(node, 'GET', '/api/health')
                  : await request(node, 'GET', '/api/admin/api-keys?limit=5', adminToken);
      const body = (await res.json()) as { error?: { code?: string }; record?: { id: string }; database?: string };
      answer.status = res.status;
      answer.retryAfter = res.headers.get('retry-after');
      answer.code = body.error?.code ?? null;
      answer.recordId = res.status === 201 ? (body.record?.id ?? null) : null;
      answer.database = body.database ?? null;
    } catch {
      answer.status = 0;
    }
    answer.doneAt = performance.now();
    return answer;
  }

  /** Runs CLIENTS clients against both nodes until stopped; returns every answer. */
  function load(): { answers: Answer[]; stop(): Promise<void> } {
    const answers: Answer[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, async (_, n) => {
      for (let i = 0; running; i++) {
        // Each client alternates nodes and goes through every kind on each.
        const answer = await send((i % 2) as 0 | 1, KINDS[(n + Math.floor(i / 2)) % KINDS.length]!, n);
        answers.push(answer);
        if (answer.recordId) acknowledgedRecordIds.add(answer.recordId);
        // Answers during an outage come back at once: a client pauses (less than the Retry-After it
        // was given, to keep asking through the outage) instead of spinning.
        if (answer.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    return {
      answers,
      async stop() {
        running = false;
        await Promise.all(clients);
      },
    };
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Every record id given, found by listing all pages with the key. */
  async function missingRecords(ids: Iterable<string>): Promise<string[]> {
    const found = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await request(
        nodes[0]!,
        'GET',
        `/api/projects/${projectId}/records?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        keySecret,
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      for (const item of page.items) found.add(item.id);
      cursor = page.nextCursor;
    } while (cursor);
    return [...ids].filter((id) => !found.has(id));
  }

  it.each<OutageShape>(['refused', 'partitioned', 'failed-over'])('%s: 503 with Retry-After during the outage, both nodes back within 5 s', async (shape) => {
    const logStart = nodes.map((node) => node.stderr().length);
    const run = load();
    await sleep(800);
    const cutAt = performance.now();
    const connectionsAtCut = proxy.accepted();
    proxy.cut(shape);
    await sleep(OUTAGE_MS);
    const restoredAt = performance.now();
    const outageConnections = proxy.accepted() - connectionsAtCut;
    proxy.restore();

    // Both nodes serve again: the first moment after which a node answers every kind as it should.
    const recoveredAt: (number | null)[] = [null, null];
    const deadline = restoredAt + RECOVER_WITHIN_MS + 2_000;
    while (recoveredAt.some((at) => at === null) && performance.now() < deadline) {
      await sleep(100);
      for (const node of [0, 1] as const) {
        if (recoveredAt[node] !== null) continue;
        const recent = run.answers.filter((a) => a.node === node && a.sentAt > restoredAt);
        const lastBad = recent.filter((a) => !answeredAsUsual(a)).reduce((max, a) => Math.max(max, a.sentAt), restoredAt);
        const goodAfter = new Set(recent.filter((a) => a.sentAt > lastBad && answeredAsUsual(a)).map((a) => a.kind));
        if (goodAfter.size === KINDS.length) recoveredAt[node] = Math.min(...recent.filter((a) => a.sentAt > lastBad).map((a) => a.sentAt));
      }
    }
    // A further second of load: everything must keep succeeding.
    await sleep(1_000);
    const steadyFrom = performance.now() - 1_000;
    await run.stop();
    const answers = run.answers;

    const during = answers.filter((a) => a.sentAt >= cutAt + 50 && a.sentAt < restoredAt);
    const inFlightAtCut = answers.filter((a) => a.sentAt < cutAt + 50 && a.doneAt > cutAt);
    const statusCount = (list: Answer[]) => list.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    const slowest = (list: Answer[], from: (a: Answer) => number) => Math.round(Math.max(0, ...list.map((a) => a.doneAt - from(a))));
    const recovery = recoveredAt.map((at) => (at === null ? null : Math.round(at - restoredAt)));
    // RAKERONE_OUTAGE_REPORT=1 prints what was measured (the numbers in docs/server.md).
    if (process.env.RAKERONE_OUTAGE_REPORT) {
      console.warn(
        `${shape}: ${answers.length} answers; during the outage ${JSON.stringify(statusCount(during))} (slowest ${slowest(during, (a) => a.sentAt)} ms; ` +
          `in flight at the cut ${JSON.stringify(statusCount(inFlightAtCut))}, slowest ${slowest(inFlightAtCut, () => cutAt)} ms after it); ` +
          `recovered ${JSON.stringify(recovery)} ms after the database came back; ${outageConnections} connection attempts during the outage`,
      );
    }

    // Nothing hung, nothing broke: no client timeout, no 500, anywhere.
    expect(answers.filter((a) => a.status === 0 || (a.status >= 500 && a.status !== 503))).toEqual([]);
    // A key revoked before the outage: never accepted, before, during or after.
    expect(answers.filter((a) => a.kind === 'revoked' && a.status !== 401 && a.status !== 429 && a.status !== 503)).toEqual([]);
    // During the outage: 503 with Retry-After, the UNAVAILABLE code on errors, fast.
    expect(during.length).toBeGreaterThan(CLIENTS);
    expect(during.filter((a) => a.status !== 503 || !a.retryAfter || (a.kind !== 'health' && a.code !== 'UNAVAILABLE'))).toEqual([]);
    expect(during.filter((a) => a.doneAt - a.sentAt > ANSWER_WITHIN_MS)).toEqual([]);
    // The health endpoint says so, within a second (and the slack above).
    const health = during.filter((a) => a.kind === 'health');
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((a) => a.database !== 'unreachable' || a.doneAt - a.sentAt > HEALTH_WITHIN_MS)).toEqual([]);
    // In flight when the link was cut: answered (as it should have been, or 503) within 2 s of the cut.
    expect(inFlightAtCut.filter((a) => a.status !== 503 && !answeredAsUsual(a))).toEqual([]);
    expect(inFlightAtCut.filter((a) => a.doneAt - Math.max(a.sentAt, cutAt) > ANSWER_WITHIN_MS)).toEqual([]);
    // Reconnects with backoff: about one attempt per node per half second, where a pool without it
    // tried once per request (measured on main: ~1,900 connections in 6 s).
    expect(outageConnections).toBeLessThanOrEqual(2 * (OUTAGE_MS / 100));
    // Back without a restart, on both nodes, within 5 s; and then steady.
    for (const at of recovery) expect(at).not.toBeNull();
    for (const at of recovery) expect(at!).toBeLessThanOrEqual(RECOVER_WITHIN_MS);
    expect(answers.filter((a) => a.sentAt >= steadyFrom && !answeredAsUsual(a))).toEqual([]);
    // Nothing written before the outage lost, nor anything acknowledged since.
    expect(await missingRecords([...preOutageRecordIds, ...acknowledgedRecordIds])).toEqual([]);

    // Each node logged the outage (once when it began, once when it ended), not every request.
    for (const [index, node] of nodes.entries()) {
      const lines = node
        .stderr()
        .slice(logStart[index])
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown });
      const down = lines.filter((l) => l.msg.startsWith('PostgreSQL is unreachable'));
      const up = lines.filter((l) => l.msg.startsWith('PostgreSQL is reachable again'));
      expect(down.length, `node ${index} outage lines`).toBeGreaterThanOrEqual(1);
      // A loaded machine may make a check miss its bound once more around the cut; never one per request.
      expect(down.length, `node ${index} outage lines`).toBeLessThanOrEqual(3);
      expect(up.length).toBe(down.length);
      expect(lines.filter((l) => l.level >= 50 || l.err !== undefined)).toEqual([]);
    }
  });
});
