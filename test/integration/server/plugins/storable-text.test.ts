/**
 * Text the databases refuse (NUL) or rewrite (lone surrogates), on both drivers: a 400 on the field
 * that holds it, whichever route, body, query or path parameter it comes in; everything else is kept
 * exactly as sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../src/shared/errors.js';
import { ListApiKeysResponseSchema, ListRecordsResponseSchema } from '../../../../src/shared/http/index.js';
import { LONE_SURROGATE_MESSAGE, NUL_MESSAGE } from '../../../../src/shared/storable-text.js';
import { textOfEveryClass } from '../../../helpers/text-arbitraries.js';
import { DRIVERS, call, newOrg, type TestOrg, useApp } from '../support.js';

const RUNS = Number(process.env.RAKERONE_FUZZ_RUNS ?? 100);
const REFUSED = new RegExp(`${NUL_MESSAGE}|${LONE_SURROGATE_MESSAGE}`.replace(/[()+]/g, '\\$&'), 'i');

/** A 400 on `path` (or, for a path ending in a field name that holds separators, under `path`). */
function refusedOn(res: { statusCode: number; json(): unknown; body: string }, path: string, under = false) {
  expect(res.statusCode, res.body).toBe(400);
  const error = ErrorBodySchema.parse(res.json()).error;
  expect(error.code).toBe('VALIDATION');
  if (under) expect(error.details?.issues?.[0]?.path.startsWith(path)).toBe(true);
  else expect(error.details?.issues?.[0]?.path).toBe(path);
  expect(error.details?.issues?.[0]?.message).toMatch(REFUSED);
}

describe.each(DRIVERS)('text the databases refuse, on %s', (driver) => {
  const h = useApp(driver);

  it('is a 400 on its field in bodies, queries and path parameters; nothing is written', async () => {
    const org = await newOrg(h.app());
    const records = `/api/projects/${org.projectId}/records`;
    refusedOn(await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Half \ud83d pair', capabilities: [] }), 'name');
    refusedOn(await call(h.app(), 'POST', `/api/projects/${org.projectId}/playbook-runs`, org.adminToken, { playbookId: 'onboard\u0000ing' }), 'playbookId');
    refusedOn(
      await call(h.app(), 'POST', `/api/projects/${org.projectId}/playbook-runs`, org.adminToken, { playbookId: 'p', startData: { a: [1, { b: '\udc00' }] } }),
      'startData.a.1.b',
    );
    refusedOn(await call(h.app(), 'POST', records, org.adminToken, { fields: { nested: { deeper: 'x\u0000' } } }), 'fields.nested.deeper');
    refusedOn(await call(h.app(), 'POST', records, org.adminToken, { fields: { ['na\u0000me']: 'value' } }), 'fields.na\u0000me');
    refusedOn(await call(h.app(), 'GET', `${records}?cursor=%00`, org.adminToken), 'query.cursor');
    refusedOn(await call(h.app(), 'GET', `/api/admin/audit-events?actorId=a%00b`, org.adminToken), 'query.actorId');
    refusedOn(await call(h.app(), 'POST', `/api/admin/api-keys/%00/revoke`, org.adminToken), 'params.id');
    const keys = await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken);
    expect(ListApiKeysResponseSchema.parse(keys.json()).items).toEqual([]);
    const stored = await call(h.app(), 'GET', records, org.adminToken);
    expect(ListRecordsResponseSchema.parse(stored.json()).items).toEqual([]);
  });

  describe('fuzz with every code point class', () => {
    let org: TestOrg;

    it('record fields (keys and values): refused on the field, or kept exactly as sent', async () => {
      org = await newOrg(h.app());
      const records = `/api/projects/${org.projectId}/records`;
      await fc.assert(
        fc.asyncProperty(textOfEveryClass(), textOfEveryClass(8), async (value, key) => {
          const res = await call(h.app(), 'POST', records, org.adminToken, { fields: { plain: 'x', nested: { [key.text]: value.text } } });
          if (!key.storable || !value.storable) {
            // The error's path separates its parts with `.` (and splits at `/`): the key is under fields.nested.
            refusedOn(res, 'fields.nested', true);
            return;
          }
          expect(res.statusCode, res.body).toBe(201);
          const id = (res.json() as { record: { id: string } }).record.id;
          const page = ListRecordsResponseSchema.parse((await call(h.app(), 'GET', `${records}?limit=1`, org.adminToken)).json());
          expect(page.items[0]).toMatchObject({ id, fields: { plain: 'x', nested: { [key.text]: value.text } } });
        }),
        { numRuns: RUNS },
      );
    });

    it('key names and playbook ids: refused on the field, never a 5xx, kept exactly when accepted', async () => {
      org = await newOrg(h.app());
      await fc.assert(
        fc.asyncProperty(textOfEveryClass(), async ({ text, storable }) => {
          const run = await call(h.app(), 'POST', `/api/projects/${org.projectId}/playbook-runs`, org.adminToken, { playbookId: text });
          const key = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: text, capabilities: [] });
          if (!storable) {
            refusedOn(run, 'playbookId');
            refusedOn(key, 'name');
            return;
          }
          expect(run.statusCode, run.body).toBeLessThan(500);
          expect(key.statusCode, key.body).toBeLessThan(500);
          if (run.statusCode === 201) expect((run.json() as { playbookRun: { playbookId: string } }).playbookRun.playbookId).toBe(text.trim());
          if (key.statusCode === 201) {
            const created = (key.json() as { apiKey: { id: string; name: string } }).apiKey;
            expect(created.name).toBe(text.trim());
            const listed = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys?limit=1', org.adminToken)).json()).items[0];
            expect(listed).toMatchObject({ id: created.id, name: text.trim() });
          }
        }),
        { numRuns: RUNS },
      );
    });
  });
});
