import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import {
  ListAuditEventsResponseSchema,
  ListRecordsResponseSchema,
  PlaybookRunResponseSchema,
  RecordResponseSchema,
} from '../../../../../src/shared/http/index.js';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

describe.each(DRIVERS)('projects, runs, records and the audit trail on %s', (driver) => {
  const h = useApp(driver);

  it('starts a playbook run with playbook-run:start, recorded under the key; Idempotency-Key starts one run', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Webhook', capabilities: ['playbook-run:start'] });
    const url = `/api/projects/${org.projectId}/playbook-runs`;
    const body = { playbookId: 'onboarding', startData: { customer: 'ACME' } };
    const first = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'delivery-0001' });
    expect(first.statusCode).toBe(201);
    const run = PlaybookRunResponseSchema.parse(first.json()).playbookRun;
    expect(run).toMatchObject({
      projectId: org.projectId,
      playbookId: 'onboarding',
      startData: { customer: 'ACME' },
      startedBy: { type: 'apiKey', id: apiKey.id, name: 'Webhook', viaKey: null },
    });
    const retry = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'delivery-0001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const events = ListAuditEventsResponseSchema.parse((await call(h.app(), 'GET', `/api/admin/audit-events?apiKeyId=${apiKey.id}`, org.adminToken)).json());
    expect(events.items.filter((e) => e.action === 'playbook_run.started')).toHaveLength(1);
  });

  it('creates, lists and deletes records with their capabilities; impersonated actions are recorded under the person via the key', async () => {
    const org = await newOrg(h.app());
    const builder = await org.addPerson('builder');
    const { apiKey, secret } = await org.createKey({
      name: 'Importer',
      capabilities: ['data-record:read', 'data-record:write', 'data-record:delete'],
      canImpersonate: true,
    });
    const url = `/api/projects/${org.projectId}/records`;
    const asKey = RecordResponseSchema.parse((await call(h.app(), 'POST', url, secret, { fields: { n: 1 } })).json()).record;
    expect(asKey.createdBy).toEqual({ type: 'apiKey', id: apiKey.id, name: 'Importer', viaKey: null });
    const created = await call(h.app(), 'POST', url, secret, { fields: { n: 2 } }, { 'x-rakerone-act-as': builder.email });
    expect(created.statusCode).toBe(201);
    const asPerson = RecordResponseSchema.parse(created.json()).record;
    expect(asPerson.createdBy).toMatchObject({ type: 'person', id: builder.id, viaKey: { id: apiKey.id, name: 'Importer' } });

    const page1 = ListRecordsResponseSchema.parse((await call(h.app(), 'GET', `${url}?limit=1`, secret)).json());
    expect(page1.items.map((r) => r.id)).toEqual([asPerson.id]);
    const page2 = ListRecordsResponseSchema.parse((await call(h.app(), 'GET', `${url}?limit=1&cursor=${page1.nextCursor}`, secret)).json());
    expect(page2.items.map((r) => r.id)).toEqual([asKey.id]);
    expect(page2.nextCursor).toBeNull();

    const del = await call(h.app(), 'DELETE', `${url}/${asKey.id}`, secret);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await call(h.app(), 'DELETE', `${url}/${asKey.id}`, secret)).statusCode).toBe(404);

    const events = ListAuditEventsResponseSchema.parse((await call(h.app(), 'GET', `/api/admin/audit-events?apiKeyId=${apiKey.id}`, org.adminToken)).json());
    expect(events.items.map((e) => e.action)).toEqual(['record.deleted', 'record.created', 'record.created', 'api_key.created']);
    expect(events.items[1]!.actor).toMatchObject({ type: 'person', id: builder.id, viaKey: { id: apiKey.id } });
  });

  it('an Idempotency-Key belongs to its credential: another key reusing it gets its own record, not a replay', async () => {
    const org = await newOrg(h.app());
    const writerA = await org.createKey({ name: 'Writer A', capabilities: ['data-record:write'] });
    const writerB = await org.createKey({ name: 'Writer B', capabilities: ['data-record:write'] });
    const url = `/api/projects/${org.projectId}/records`;
    const body = { fields: { secretNote: 'only A wrote this' } };
    const first = await call(h.app(), 'POST', url, writerA.secret, body, { 'idempotency-key': 'shared-key-0001' });
    expect(first.statusCode).toBe(201);
    const second = await call(h.app(), 'POST', url, writerB.secret, body, { 'idempotency-key': 'shared-key-0001' });
    expect(second.statusCode).toBe(201);
    const a = RecordResponseSchema.parse(first.json()).record;
    const b = RecordResponseSchema.parse(second.json()).record;
    expect(b.id).not.toBe(a.id);
    expect(b.createdBy).toMatchObject({ id: writerB.apiKey.id });
    expect((await call(h.app(), 'POST', url, writerA.secret, body, { 'idempotency-key': 'shared-key-0001' })).json()).toEqual(first.json());
  });

  it('an impersonating key reusing an Idempotency-Key for another person acts for that person, not a replay', async () => {
    const org = await newOrg(h.app());
    const ada = await org.addPerson('builder');
    const bob = await org.addPerson('builder');
    const { secret } = await org.createKey({ name: 'Importer', capabilities: ['data-record:write'], canImpersonate: true });
    const url = `/api/projects/${org.projectId}/records`;
    const body = { fields: { n: 1 } };
    const asAda = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'import-row-0001', 'x-rakerone-act-as': ada.email });
    const asBob = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'import-row-0001', 'x-rakerone-act-as': bob.email });
    const asKey = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'import-row-0001' });
    expect([asAda.statusCode, asBob.statusCode, asKey.statusCode]).toEqual([201, 201, 201]);
    expect(RecordResponseSchema.parse(asBob.json()).record.createdBy).toMatchObject({ type: 'person', id: bob.id });
    expect(RecordResponseSchema.parse(asKey.json()).record.createdBy).toMatchObject({ type: 'apiKey' });
    const again = await call(h.app(), 'POST', url, secret, body, { 'idempotency-key': 'import-row-0001', 'x-rakerone-act-as': ada.email });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(asAda.json());
  });

  it('refuses a body nested deeper than 64 levels with a 400 on the body, not a 500', async () => {
    const org = await newOrg(h.app());
    const { secret } = await org.createKey({ name: 'Writer', capabilities: ['data-record:write'] });
    const url = `/api/projects/${org.projectId}/records`;
    const nested = (levels: number) => `{"fields":{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}}`;
    const deep = await h
      .app()
      .inject({ method: 'POST', url, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, payload: nested(6_000) });
    expect(deep.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(deep.json()).error).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'body' }] } });
    // Brackets inside strings do not count; a body within the limit is accepted.
    const fine = await h.app().inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      payload: `{"fields":{"s":"${'['.repeat(500)}","a":${'['.repeat(60)}1${']'.repeat(60)}}}`,
    });
    expect(fine.statusCode).toBe(201);
  });

  it('refuses a cursor it did not produce with a 400 on the cursor field (NUL bytes included)', async () => {
    const org = await newOrg(h.app());
    const { secret } = await org.createKey({ name: 'Reader', capabilities: ['data-record:read'] });
    const forged = [
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z\u0000', '00000000-0000-0000-0000-000000000000'])).toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'a\u0000b'])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const response = await call(h.app(), 'GET', `/api/projects/${org.projectId}/records?cursor=${cursor}`, secret);
      expect(response.statusCode).toBe(400);
      expect(ErrorBodySchema.parse(response.json()).error.details?.issues?.[0]?.path).toBe('cursor');
    }
  });

  it("reads another organization's project (and its records) as 404", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const { secret } = await org.createKey({
      name: 'All',
      capabilities: ['data-record:read', 'data-record:write', 'data-record:delete', 'playbook-run:start'],
    });
    const theirs = `/api/projects/${other.projectId}`;
    for (const [method, url, body] of [
      ['GET', `${theirs}/records`, undefined],
      ['POST', `${theirs}/records`, { fields: {} }],
      ['DELETE', `${theirs}/records/${other.projectId}`, undefined],
      ['POST', `${theirs}/playbook-runs`, { playbookId: 'p' }],
    ] as const) {
      const res = await call(h.app(), method, url, secret, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('NOT_FOUND');
    }
    // Their record, addressed through our project, is absent too.
    const { secret: theirKey } = await other.createKey({ name: 'W', capabilities: ['data-record:write'] });
    const record = RecordResponseSchema.parse((await call(h.app(), 'POST', `${theirs}/records`, theirKey, { fields: {} })).json()).record;
    expect((await call(h.app(), 'DELETE', `/api/projects/${org.projectId}/records/${record.id}`, secret)).statusCode).toBe(404);
  });

  it('pages audit events newest first and scopes them to the organization', async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    await other.createKey({ name: 'Not ours' });
    for (let i = 0; i < 3; i++) await org.createKey({ name: `K${i}` });
    const first = ListAuditEventsResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/audit-events?limit=2', org.adminToken)).json());
    expect(first.items.map((e) => e.target.name)).toEqual(['K2', 'K1']);
    const second = ListAuditEventsResponseSchema.parse(
      (await call(h.app(), 'GET', `/api/admin/audit-events?limit=2&cursor=${first.nextCursor}`, org.adminToken)).json(),
    );
    // The oldest event: the admin's access token, issued when the organization was made (newOrg).
    expect(second.items.map((e) => e.target.name)).toEqual(['K0', 'Org Admin']);
    expect(second.items[1]).toMatchObject({
      action: 'admin_token.issued',
      actor: { type: 'system', id: 'server-cli' },
      target: { type: 'person', id: org.adminId },
    });
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({
      action: 'api_key.created',
      actor: { type: 'person', id: org.adminId, name: 'Org Admin', viaKey: null },
      details: { capabilities: [], canImpersonate: false, secretGeneratedBy: 'server' },
    });
  });

  it('lists the capability catalog for any credential', async () => {
    const org = await newOrg(h.app());
    const { secret } = await org.createKey({ name: 'None' });
    const res = await call(h.app(), 'GET', '/api/capabilities', secret);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(22);
    expect(res.json().items[0]).toEqual({
      slug: 'playbook:create',
      label: 'Create playbooks',
      group: 'Playbooks and runs',
      meaning: 'Build new playbooks (process definitions).',
      roles: ['admin', 'builder'],
    });
  });
});
