/**
 * Property-based fuzzing of every endpoint: arbitrary bodies, queries, path parameters and headers
 * (credentials valid, wrong-kind, malformed; act-as; idempotency keys; content types). Whatever comes
 * in, the server never answers 5xx, and every rejection is a 4xx carrying the one error body.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_SLUGS } from '../../../../src/shared/capabilities.js';
import { ErrorBodySchema } from '../../../../src/shared/errors.js';
import { AUDIT_ACTIONS } from '../../../../src/shared/http/index.js';
import { generateSecret, hashSecret, hintOf } from '../../../../src/shared/key-format.js';
import { edgeInstantText, validInstantTextIn } from '../../../helpers/instant-arbitraries.js';
import { textOfEveryClass } from '../../../helpers/text-arbitraries.js';
import { DRIVERS, newOrg, type TestOrg, useApp } from '../support.js';

const RUNS = Number(process.env.RAKERONE_FUZZ_RUNS ?? 100);

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
/** Any text, with every class of code point (NUL and lone surrogates among them) now and then. */
const anyText = (max: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: max }) }, { weight: 1, arbitrary: textOfEveryClass(Math.min(max, 12)).map((t) => t.text) });
/** URLs carry UTF-8: a lone surrogate cannot be written in one (encodeURIComponent throws), a NUL can (`%00`). */
const urlText = (max: number) => anyText(max).filter((s) => !/\p{Cs}/u.test(s));
const uuid = fc.uuid();

function expectWellFormed(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const parsed = ErrorBodySchema.safeParse(res.json());
    expect(parsed.success, `${what} → ${res.body.slice(0, 300)}`).toBe(true);
  }
}

describe.each(DRIVERS)('fuzzing every endpoint on %s', (driver) => {
  const h = useApp(driver, { authFailureLimits: { max: 1_000_000, windowMs: 60_000 } });
  let org: TestOrg;
  let keySecret: string;
  let victimKeyId: string;
  let memberId: string;

  beforeAll(async () => {
    org = await newOrg(h.app());
    memberId = (await org.addPerson('member')).id;
    const created = await org.createKey({ name: 'Fuzz', capabilities: [...CAPABILITY_SLUGS], canImpersonate: true });
    keySecret = created.secret!;
    victimKeyId = (await org.createKey({ name: 'Victim' })).apiKey.id;
    expect(created.apiKey.id).not.toBe(victimKeyId);
  });

  const credential = () =>
    // Weighted towards valid credentials, so most inputs reach validation and the handlers.
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(() => `Bearer ${org.adminToken}`) },
      { weight: 4, arbitrary: fc.constant(() => `Bearer ${keySecret}`) },
      { weight: 1, arbitrary: fc.constant(() => `Bearer ${generateSecret('apiKey')}`) },
      { weight: 1, arbitrary: printable(120).map((s) => () => s) },
      { weight: 1, arbitrary: fc.constant(() => undefined) },
    );

  const headers = () =>
    fc.record(
      {
        authorization: credential(),
        actAs: fc.option(
          fc.oneof(
            fc.constant(() => memberId),
            printable(40).map((s) => () => s),
          ),
          { nil: undefined, freq: 3 },
        ),
        idempotencyKey: fc.option(printable(220), { nil: undefined }),
        contentType: fc.option(
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'nonsense'),
          { nil: undefined },
        ),
        requestId: fc.option(printable(80), { nil: undefined }),
      },
      { requiredKeys: ['authorization'] },
    );

  /**
   * ISO-8601 instants past and future, other offsets, and near misses; RFC 3339 in its other forms
   * (lowercase t/z, a space, 0–9 fractional digits, :60) and out of range (extended years, an offset
   * pushing 9999 over).
   */
  const isoish = fc.oneof(
    fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }).map((d) => d.toISOString()),
    fc.constantFrom(
      '2026-03-01T12:00:00+01:00',
      '2026-02-30T00:00:00Z',
      'yesterday',
      '9999-12-31T23:59:59-23:59',
      '+010000-01-01T23:58:59.000Z',
      '-000001-12-31T23:00:00.000Z',
    ),
    edgeInstantText.map((t) => t.text),
    validInstantTextIn(Date.now(), Date.now() + 3700 * 86_400_000).map((t) => t.text),
  );
  const futureIso = fc.integer({ min: 1, max: 400 * 86_400_000 }).map((ms) => new Date(Date.now() + ms).toISOString());
  const capabilityish = fc.oneof(fc.constantFrom(...CAPABILITY_SLUGS), fc.string({ maxLength: 30 }));
  const createKeyBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      name: anyText(110).filter((s) => s.length > 0),
      capabilities: fc.uniqueArray(fc.constantFrom(...CAPABILITY_SLUGS)),
      canImpersonate: fc.boolean(),
    }),
    fc.record({
      name: anyText(20).filter((s) => s.length > 0),
      capabilities: fc.constant([]),
      expiresAt: fc.oneof(futureIso, isoish, fc.jsonValue({ maxDepth: 1 })),
    }),
    fc.record(
      {
        name: fc.oneof(anyText(120), fc.jsonValue({ maxDepth: 1 })),
        capabilities: fc.oneof(fc.array(capabilityish, { maxLength: 25 }), fc.jsonValue({ maxDepth: 1 })),
        canImpersonate: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
        secretHash: fc.oneof(fc.constant(hashSecret(generateSecret('apiKey'))), fc.string({ maxLength: 70 })),
        hint: fc.oneof(fc.constant(hintOf(generateSecret('apiKey'))), fc.string({ maxLength: 20 })),
        expiresAt: fc.oneof(futureIso, isoish, fc.jsonValue({ maxDepth: 1 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ),
  );
  const resourceBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ playbookId: fc.oneof(anyText(120), fc.jsonValue({ maxDepth: 1 })), startData: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
    fc.record({ playbookId: anyText(100).filter((s) => s.length > 0) }),
    fc.record({ fields: fc.dictionary(anyText(100), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) }),
    fc.record({ fields: fc.oneof(fc.dictionary(anyText(110), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }),
  );
  // Incident response: bulk revoke ids (the victim key among them, never the fuzz key) and identify hashes.
  const idish = fc.oneof(
    uuid,
    fc.constant(null).map(() => victimKeyId),
    anyText(40),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const bulkRevokeBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ ids: fc.array(uuid, { minLength: 1, maxLength: 20 }) }),
    fc.record({ ids: fc.oneof(fc.array(idish, { maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })), extra: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  );
  // Suspension: a reason of any text (control characters, blanks, 0–250 characters) or none.
  const reasonish = fc.oneof(
    fc.string({ minLength: 1, maxLength: 200 }),
    fc.string({ maxLength: 250 }),
    fc.constantFrom('', '   ', 'a\nb', '\u2028'),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const suspendBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ reason: fc.string({ minLength: 1, maxLength: 200 }) }),
    fc.record({ reason: reasonish, extra: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  );
  const bulkSuspendBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ ids: fc.array(uuid, { minLength: 1, maxLength: 20 }), reason: fc.string({ minLength: 1, maxLength: 200 }) }),
    fc.record(
      { ids: fc.oneof(fc.array(idish, { maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })), reason: reasonish, extra: fc.jsonValue({ maxDepth: 1 }) },
      { requiredKeys: [] },
    ),
  );
  const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
  const hashish = fc.oneof(
    hex64,
    hex64.map((h) => h.toUpperCase()),
    fc.constant(hashSecret(generateSecret('apiKey'))),
    fc.string({ maxLength: 70 }),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const identifyBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ secretHashes: fc.array(hex64, { minLength: 1, maxLength: 20 }) }),
    fc.record(
      { secretHashes: fc.oneof(fc.array(hashish, { maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })), extra: fc.jsonValue({ maxDepth: 1 }) },
      { requiredKeys: [] },
    ),
  );
  // Scheduled revocation (of the victim key or others; never the fuzz key) and the key policy.
  const graceish = fc.oneof(fc.integer({ min: 0, max: 2_592_000 }), fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 1 }));
  const scheduleBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ at: futureIso }),
    fc.record({
      afterFirstUseOf: fc.oneof(
        uuid,
        fc.constant(null).map(() => victimKeyId),
      ),
      graceSeconds: fc.integer({ min: 0, max: 2_592_000 }),
    }),
    fc.record(
      { at: fc.oneof(isoish, fc.jsonValue({ maxDepth: 1 })), afterFirstUseOf: idish, graceSeconds: graceish, extra: fc.jsonValue({ maxDepth: 1 }) },
      { requiredKeys: [] },
    ),
  );
  const policyBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ maxLifetimeDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }), requireExpiry: fc.boolean() }),
    fc.record(
      {
        maxLifetimeDays: fc.oneof(fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 1 })),
        requireExpiry: fc.jsonValue({ maxDepth: 1 }),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ),
  );
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom('limit', 'cursor', 'status', 'apiKeyId', 'action', 'actorId', 'from', 'to', 'days', 'usedFrom'),
      fc.stringMatching(/^[a-z]{1,8}$/),
    ),
    fc.oneof(
      urlText(40),
      fc.integer().map(String),
      fc.constantFrom(
        'active',
        'revoked',
        'expired',
        'suspended',
        'all',
        '0',
        '1001',
        '-1',
        '2.5',
        '90',
        '91',
        'api_key.revoked',
        'admin_token.issued',
        'server-cli',
      ),
      fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.constantFrom('::ffff:203.0.113.7', '203.0.113.7/32', 'fe80::1%eth0')),
      fc.array(fc.constantFrom(...AUDIT_ACTIONS, 'nope'), { minLength: 1, maxLength: 10 }),
      isoish,
    ),
    { maxKeys: 4 },
  );
  // Ids that exist (the project, a key that revocation may hit) as well as arbitrary ones.
  const idParam = () =>
    fc.oneof(
      uuid,
      fc.constant(() => victimKeyId),
      fc.constant(() => org.projectId),
      urlText(40),
    );

  type Endpoint = { method: InjectOptions['method']; path: (a: string, b: string) => string; body?: fc.Arbitrary<unknown> };
  const ENDPOINTS: Record<string, Endpoint> = {
    health: { method: 'GET', path: () => '/api/health' },
    me: { method: 'GET', path: () => '/api/me' },
    capabilities: { method: 'GET', path: () => '/api/capabilities' },
    openapi: { method: 'GET', path: () => '/api/openapi.json' },
    listKeys: { method: 'GET', path: () => '/api/admin/api-keys' },
    createKey: { method: 'POST', path: () => '/api/admin/api-keys', body: createKeyBody },
    revokeKey: { method: 'POST', path: (a) => `/api/admin/api-keys/${a}/revoke`, body: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }) },
    bulkRevokeKeys: { method: 'POST', path: () => '/api/admin/api-keys/bulk-revoke', body: bulkRevokeBody },
    identifyKeys: { method: 'POST', path: () => '/api/admin/api-keys/identify', body: identifyBody },
    suspendKey: { method: 'POST', path: (a) => `/api/admin/api-keys/${a}/suspend`, body: suspendBody },
    resumeKey: { method: 'POST', path: (a) => `/api/admin/api-keys/${a}/resume`, body: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }) },
    bulkSuspendKeys: { method: 'POST', path: () => '/api/admin/api-keys/bulk-suspend', body: bulkSuspendBody },
    scheduleRevocation: { method: 'POST', path: (a) => `/api/admin/api-keys/${a}/scheduled-revocation`, body: scheduleBody },
    keyUsage: { method: 'GET', path: (a) => `/api/admin/api-keys/${a}/usage` },
    keyActivity: { method: 'GET', path: (a) => `/api/admin/api-keys/${a}/activity` },
    activitySummary: { method: 'GET', path: () => '/api/admin/api-keys/activity-summary' },
    cancelScheduledRevocation: {
      method: 'DELETE',
      path: (a) => `/api/admin/api-keys/${a}/scheduled-revocation`,
      body: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
    },
    keyPolicy: { method: 'GET', path: () => '/api/admin/key-policy' },
    setKeyPolicy: { method: 'PUT', path: () => '/api/admin/key-policy', body: policyBody },
    auditEvents: { method: 'GET', path: () => '/api/admin/audit-events' },
    startRun: { method: 'POST', path: (a) => `/api/projects/${a}/playbook-runs`, body: resourceBody },
    listRecords: { method: 'GET', path: (a) => `/api/projects/${a}/records` },
    createRecord: { method: 'POST', path: (a) => `/api/projects/${a}/records`, body: resourceBody },
    deleteRecord: { method: 'DELETE', path: (a, b) => `/api/projects/${a}/records/${b}` },
  };

  it.each(Object.keys(ENDPOINTS))('%s: no 5xx, every rejection a 4xx with the error body', async (name) => {
    const endpoint = ENDPOINTS[name]!;
    const resolve = (v: string | (() => string)) => (typeof v === 'function' ? v() : v);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(idParam(), idParam(), query, headers(), endpoint.body ?? fc.constant(undefined), async (a, b, q, hd, body) => {
        const url = endpoint.path(encodeURIComponent(resolve(a)), encodeURIComponent(resolve(b)));
        const auth = hd.authorization();
        const requestHeaders: Record<string, string> = {};
        if (auth !== undefined) requestHeaders.authorization = auth;
        if (hd.actAs) requestHeaders['x-rakerone-act-as'] = hd.actAs();
        if (hd.idempotencyKey !== undefined) requestHeaders['idempotency-key'] = hd.idempotencyKey;
        if (hd.contentType !== undefined) requestHeaders['content-type'] = hd.contentType;
        if (hd.requestId !== undefined) requestHeaders['x-request-id'] = hd.requestId;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        if (payload !== undefined && requestHeaders['content-type'] === undefined) requestHeaders['content-type'] = 'application/json';
        const res = await h.app().inject({ method: endpoint.method, url, query: q, headers: requestHeaders, ...(payload !== undefined ? { payload } : {}) });
        expectWellFormed(
          res,
          `${endpoint.method} ${url}?${new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])))}`,
        );
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    if (process.env.RAKERONE_FUZZ_DEBUG) console.warn(name, Object.fromEntries(statuses));
    // The inputs must get past authentication often enough to exercise the handlers, not only the 401 path.
    expect(
      [...statuses.keys()].some((s) => s !== 401),
      `${name}: ${JSON.stringify(Object.fromEntries(statuses))}`,
    ).toBe(true);
  });
});
