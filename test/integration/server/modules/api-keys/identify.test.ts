import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IDENTIFY_LIMIT } from '../../../../../src/server/modules/api-keys/api-keys-incident-routes.js';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { IdentifyApiKeysResponseSchema, ListAuditEventsResponseSchema } from '../../../../../src/shared/http/index.js';
import { generateSecret, hashSecret, hintOf } from '../../../../../src/shared/key-format.js';
import { DRIVERS, call, newOrg, type TestOrg, useApp } from '../../support.js';

const URL = '/api/admin/api-keys/identify';
const randomHash = () => randomBytes(32).toString('hex');

/** A key made from a client-side secret, so the test knows the hash the server stores. */
async function keyWithHash(org: TestOrg, name: string) {
  const secret = generateSecret('apiKey');
  const { apiKey } = await org.createKey({ name, secretHash: hashSecret(secret), hint: hintOf(secret) });
  return { id: apiKey.id, secret, hash: hashSecret(secret) };
}

describe.each(DRIVERS)('identify keys by secret hash on %s', (driver) => {
  const h = useApp(driver);

  it("names the organization's keys, active or revoked; anything else, another organization's key included, is unknown", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const live = await keyWithHash(org, 'Live');
    const dead = await keyWithHash(org, 'Dead');
    await call(h.app(), 'POST', `/api/admin/api-keys/${dead.id}/revoke`, org.adminToken);
    const theirs = await keyWithHash(other, 'Theirs');
    const nobody = randomHash();
    const res = await call(h.app(), 'POST', URL, org.adminToken, { secretHashes: [theirs.hash, dead.hash, nobody, live.hash, dead.hash] });
    expect(res.statusCode).toBe(200);
    const body = IdentifyApiKeysResponseSchema.parse(res.json());
    expect(body.matches.map((m) => [m.secretHash, m.apiKey.id, m.apiKey.status])).toEqual([
      [dead.hash, dead.id, 'revoked'],
      [live.hash, live.id, 'active'],
    ]);
    expect(body.matches[1]!.apiKey).toMatchObject({ name: 'Live', hint: hintOf(live.secret), createdBy: { id: org.adminId } });
    expect(body.unknown).toEqual([theirs.hash, nobody]);
    // Nothing of the other organization's key leaks, and the answer holds no secret.
    expect(res.body).not.toContain('Theirs');
    expect(res.body).not.toContain(theirs.id);
    expect(res.body).not.toContain(live.secret);
    // And their admin sees the mirror image.
    const mirror = IdentifyApiKeysResponseSchema.parse((await call(h.app(), 'POST', URL, other.adminToken, { secretHashes: [live.hash, theirs.hash] })).json());
    expect(mirror).toEqual({ matches: [{ secretHash: theirs.hash, apiKey: expect.objectContaining({ id: theirs.id }) }], unknown: [live.hash] });
  });

  it('changes nothing and writes no audit event (a read, like listing keys)', async () => {
    const org = await newOrg(h.app());
    const key = await keyWithHash(org, 'Quiet');
    const before = ListAuditEventsResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/audit-events', org.adminToken)).json());
    expect((await call(h.app(), 'POST', URL, org.adminToken, { secretHashes: [key.hash] })).statusCode).toBe(200);
    const after = ListAuditEventsResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/audit-events', org.adminToken)).json());
    expect(after).toEqual(before);
    expect((await call(h.app(), 'GET', '/api/me', key.secret)).statusCode).toBe(200);
  });

  it('takes 1,000 hashes; 1,001, an empty list or a malformed hash are a 400 on the field', async () => {
    const org = await newOrg(h.app());
    const key = await keyWithHash(org, 'Among many');
    const many = [...Array.from({ length: 999 }, randomHash), key.hash];
    const ok = IdentifyApiKeysResponseSchema.parse((await call(h.app(), 'POST', URL, org.adminToken, { secretHashes: many })).json());
    expect([ok.matches.length, ok.unknown.length]).toEqual([1, 999]);
    // 1,000 hashes are more than the server's usual 64 KiB body: this route takes them, even pretty-printed.
    const pretty = JSON.stringify({ secretHashes: many }, null, 2);
    expect(pretty.length).toBeGreaterThan(64 * 1024);
    const prettyRes = await call(h.app(), 'POST', URL, org.adminToken, pretty, { 'content-type': 'application/json' });
    expect(prettyRes.statusCode).toBe(200);
    expect(IdentifyApiKeysResponseSchema.parse(prettyRes.json()).matches).toHaveLength(1);
    const cases: [unknown, string][] = [
      [{ secretHashes: [...many, randomHash()] }, 'secretHashes'],
      [{ secretHashes: [] }, 'secretHashes'],
      [{ secretHashes: [key.hash.toUpperCase()] }, 'secretHashes.0'],
      [{ secretHashes: [key.hash, key.hash.slice(1)] }, 'secretHashes.1'],
      [{ secretHashes: [key.secret] }, 'secretHashes.0'],
      [{ secretHashes: [`${key.hash.slice(0, 63)}\u0000`] }, 'secretHashes.0'],
      [{ secretHashes: key.hash }, 'secretHashes'],
      [{ hashes: [key.hash] }, 'secretHashes'],
    ];
    for (const [body, path] of cases) {
      const res = await call(h.app(), 'POST', URL, org.adminToken, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(error.details?.issues?.map((i) => i.path)).toContain(path);
      // A secret sent by mistake is not echoed back.
      expect(res.body).not.toContain(key.secret);
    }
  });

  it('is for admins only', async () => {
    const org = await newOrg(h.app());
    const key = await keyWithHash(org, 'K');
    const member = await org.addPerson('member');
    for (const token of [member.token, key.secret]) {
      const res = await call(h.app(), 'POST', URL, token, { secretHashes: [key.hash] });
      expect(res.statusCode).toBe(403);
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('FORBIDDEN');
    }
  });

  it(`limits each person to ${IDENTIFY_LIMIT.max} requests a minute (429 with Retry-After), not other admins`, async () => {
    const org = await newOrg(h.app());
    const second = await org.addPerson('admin');
    const body = { secretHashes: [randomHash()] };
    for (let i = 0; i < IDENTIFY_LIMIT.max; i++) expect((await call(h.app(), 'POST', URL, org.adminToken, body)).statusCode).toBe(200);
    const limited = await call(h.app(), 'POST', URL, org.adminToken, body);
    expect(limited.statusCode).toBe(429);
    const error = ErrorBodySchema.parse(limited.json()).error;
    expect(error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(h.app(), 'POST', URL, second.token, body)).statusCode).toBe(200);
    // Other admin routes are not counted against it.
    expect((await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).statusCode).toBe(200);
  });
});
