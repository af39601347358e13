/**
 * The revocation epoch is bumped by the database itself, in the same transaction as every change
 * that can take a credential away or change what it grants, and by nothing else (so writes that
 * grant nothing do not empty the credential caches).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

describe.each(DRIVERS)('revocation epoch on %s', (driver) => {
  const h = useApp(driver);
  const epoch = async () => Number(await h.app().rakerone.db.hot.authEpoch());

  it('moves with revocations, role and name changes and deletions, and not with uses, creations or rolled-back changes', async () => {
    const app = h.app();
    const db = app.rakerone.db.kysely;
    const org = await newOrg(app);
    const { apiKey, secret } = await org.createKey({ name: 'Epoch' });
    const member = await org.addPerson('member');

    let before = await epoch();
    expect((await call(app, 'GET', '/api/me', secret)).statusCode).toBe(200);
    await app.rakerone.lastUsed.flush();
    await org.createKey({ name: 'Another' });
    await org.createKey({ name: 'Restricted from the start', allowedAddresses: ['203.0.113.7'] });
    await org.addPerson('builder');
    expect(await epoch()).toBe(before);

    const changes: [string, () => Promise<unknown>][] = [
      [
        'allowed addresses set',
        () => call(app, 'PUT', `/api/admin/api-keys/${apiKey.id}/allowed-addresses`, org.adminToken, { allowedAddresses: ['203.0.113.7'] }),
      ],
      ['allowed addresses cleared', () => call(app, 'PUT', `/api/admin/api-keys/${apiKey.id}/allowed-addresses`, org.adminToken, { allowedAddresses: null })],
      ['key revoked', () => call(app, 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken)],
      ['role changed', () => db.updateTable('people').set({ role: 'manager' }).where('id', '=', member.id).execute()],
      ['organization renamed', () => db.updateTable('organizations').set({ name: 'Renamed' }).where('id', '=', org.orgId).execute()],
      ['admin tokens revoked', () => app.rakerone.people.revokeTokens({ orgSlug: org.slug, email: member.email })],
      ['key deleted', () => db.deleteFrom('api_keys').where('id', '=', apiKey.id).execute()],
    ];
    for (const [what, change] of changes) {
      before = await epoch();
      await change();
      expect(await epoch(), what).toBeGreaterThan(before);
    }

    before = await epoch();
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('people').set({ role: 'admin' }).where('id', '=', member.id).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await epoch()).toBe(before);
    // The bump is part of the changing transaction: it is visible exactly when the change is.
    const inside = await db.transaction().execute(async (trx) => {
      await trx.updateTable('people').set({ name: 'Renamed person' }).where('id', '=', member.id).execute();
      const { rows } = await sql<{ epoch: number | string }>`SELECT epoch FROM auth_epoch WHERE id = 1`.execute(trx);
      return Number(rows[0]!.epoch);
    });
    expect(inside).toBe(before + 1);
    expect(await epoch()).toBe(before + 1);
  });
});
