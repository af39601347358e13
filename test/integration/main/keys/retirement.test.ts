/**
 * Scheduled retirement through main (keys:schedule-retirement / keys:cancel-retirement) against the
 * real server, the real keychain and real files: online, offline (queued, exactly once), a schedule
 * waiting for a replacement that is itself still a queued create, local cancel, and refusals.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { meWith, NEW_KEY, waitFor } from '../../../helpers/real-core.js';
import { useSignedInCores } from '../../../helpers/signed-in-cores.js';

describe('scheduled retirement through main, against the real server', () => {
  const h = useSignedInCores('rakerone-retire-');
  const signedIn = () => h.signedIn();

  async function auditOf(keyId: string): Promise<AuditEventDto['action'][]> {
    const response = await fetch(`${h.server.url}/api/admin/audit-events?apiKeyId=${keyId}&limit=100`, {
      headers: { Authorization: `Bearer ${h.server.adminToken}` },
    });
    return ((await response.json()) as { items: AuditEventDto[] }).items.map((e) => e.action);
  }

  const count = (actions: string[], action: string) => actions.filter((a) => a === action).length;

  async function drained(t: Awaited<ReturnType<typeof signedIn>>) {
    await waitFor(async () => (await t.call('sync:state', {})).pending === 0 && (await t.call('connection:state', {})).status === 'online');
  }

  it("online: retires the old key on the new key's first use (no grace); the old key is refused from then on", async () => {
    const t = await signedIn();
    const old = await t.call('keys:create', { ...NEW_KEY, name: 'Billing' });
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, name: 'Billing', oldKeyId: old.key.id });
    const row = await t.call('keys:schedule-retirement', { id: old.key.id, plan: { afterFirstUseOf: rotated.key.id, graceSeconds: 0 } });
    expect(row).toMatchObject({ status: 'active', pending: null, scheduledRevocation: { afterFirstUseOf: rotated.key.id, graceSeconds: 0, at: null } });
    expect((await meWith(h.server.url, old.secret)).status).toBe(200);

    expect((await meWith(h.server.url, rotated.secret)).status).toBe(200);
    await waitFor(async () => (await meWith(h.server.url, old.secret)).status === 401);
    await t.call('sync:now', {});
    const view = await t.call('keys:list', {});
    expect(view.keys.find((k) => k.id === old.key.id)?.status).toBe('revoked');
    expect(count(await auditOf(old.key.id), 'api_key.revocation_scheduled')).toBe(1);
  });

  it('offline: a schedule waiting for a replacement that is still a queued create names its server id once synced, exactly once', async () => {
    const t = await signedIn();
    const old = await t.call('keys:create', { ...NEW_KEY, name: 'Webhook' });
    await h.server.stop();
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, name: 'Webhook', oldKeyId: old.key.id });
    expect(rotated.queued).toBe(true);
    const row = await t.call('keys:schedule-retirement', { id: old.key.id, plan: { afterFirstUseOf: rotated.key.id, graceSeconds: 3600 } });
    expect(row).toMatchObject({
      status: 'active',
      pending: { action: 'schedule-retirement', state: 'queued' },
      scheduledRevocation: { afterFirstUseOf: rotated.key.id, graceSeconds: 3600 },
    });
    expect((await t.call('sync:state', {})).pending).toBe(2);

    await h.server.start();
    await drained(t);
    const view = await t.call('keys:list', {});
    const newKey = view.keys.find((k) => k.hint === rotated.key.hint)!;
    expect(newKey.id).not.toBe(rotated.key.id);
    const oldRow = view.keys.find((k) => k.id === old.key.id)!;
    expect(oldRow).toMatchObject({ pending: null, scheduledRevocation: { afterFirstUseOf: newKey.id, graceSeconds: 3600, at: null } });
    expect(count(await auditOf(old.key.id), 'api_key.revocation_scheduled')).toBe(1);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('cancel: an unsent schedule is dropped locally (the server never hears of it); a plan the server has is cancelled on reconnection', async () => {
    const t = await signedIn();
    const unsent = await t.call('keys:create', { ...NEW_KEY, name: 'Unsent' });
    const planned = await t.call('keys:create', { ...NEW_KEY, name: 'Planned' });
    const at = new Date(Date.now() + 48 * 3_600_000).toISOString();
    await t.call('keys:schedule-retirement', { id: planned.key.id, plan: { at } });
    await h.server.stop();

    await t.call('keys:schedule-retirement', { id: unsent.key.id, plan: { at } });
    const dropped = await t.call('keys:cancel-retirement', { id: unsent.key.id });
    expect(dropped).toMatchObject({ pending: null, scheduledRevocation: null });
    const cancelling = await t.call('keys:cancel-retirement', { id: planned.key.id });
    // Until the server has the cancel, the key still retires as planned.
    expect(cancelling).toMatchObject({ pending: { action: 'cancel-retirement' }, scheduledRevocation: { at: new Date(at).toISOString() } });
    expect((await t.call('sync:state', {})).pending).toBe(1);

    await h.server.start();
    await drained(t);
    const view = await t.call('keys:list', {});
    expect(view.keys.find((k) => k.id === planned.key.id)).toMatchObject({ pending: null, scheduledRevocation: null });
    expect(await auditOf(unsent.key.id)).not.toContain('api_key.revocation_scheduled');
    const plannedAudit = await auditOf(planned.key.id);
    expect([count(plannedAudit, 'api_key.revocation_scheduled'), count(plannedAudit, 'api_key.revocation_cancelled')]).toEqual([1, 1]);
  });

  it("a key revoked elsewhere while its schedule was queued: kept as failed with the server's reason; online refusals come straight back", async () => {
    const t = await signedIn();
    const key = await t.call('keys:create', { ...NEW_KEY, name: 'Revoked elsewhere' });
    await h.server.stop();
    await t.call('keys:schedule-retirement', { id: key.key.id, plan: { at: new Date(Date.now() + 3_600_000).toISOString() } });
    await h.server.start();
    const revoked = await fetch(`${h.server.url}/api/admin/api-keys/${key.key.id}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.server.adminToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(revoked.status).toBe(200);
    await drained(t);
    const failed = (await t.call('sync:state', {})).failed;
    expect(failed).toMatchObject([{ action: 'schedule-retirement', keyId: key.key.id, keyName: 'Revoked elsewhere', error: { code: 'CONFLICT' } }]);

    const other = await t.call('keys:create', { ...NEW_KEY, name: 'Other' });
    expect(await t.raw('keys:schedule-retirement', { id: other.key.id, plan: { afterFirstUseOf: other.key.id, graceSeconds: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.raw('keys:schedule-retirement', { id: other.key.id, plan: { at: '2020-01-01T00:00:00.000Z' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.raw('keys:schedule-retirement', { id: other.key.id, plan: { afterFirstUseOf: key.key.id, graceSeconds: 2_592_001 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.raw('keys:schedule-retirement', { id: other.key.id, plan: { afterFirstUseOf: key.key.id, graceSeconds: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await t.call('sync:state', {})).pending).toBe(0);
  });
});
