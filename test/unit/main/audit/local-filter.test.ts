import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../../../src/main/audit/local-filter.js';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { AuditFilterSchema, type AuditFilterInput } from '../../../../src/shared/ipc/audit.js';

const KEY = '00000000-0000-4000-8000-00000000000a';
const OTHER_KEY = '00000000-0000-4000-8000-00000000000b';
const base: AuditEventDto = {
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-20T12:00:00.000Z',
  action: 'record.created',
  actor: { type: 'person', id: 'person-1', name: 'Ada', viaKey: null },
  target: { type: 'record', id: 'r1', name: null },
  details: null,
};
const matches = (event: Partial<AuditEventDto>, filter: AuditFilterInput) => matchesFilter({ ...base, ...event }, AuditFilterSchema.parse(filter));

describe('the server filters, applied to cached events', () => {
  it('actions: any of them; none listed: every action', () => {
    expect(matches({}, {})).toBe(true);
    expect(matches({}, { actions: ['record.created', 'api_key.revoked'] })).toBe(true);
    expect(matches({}, { actions: ['api_key.revoked'] })).toBe(false);
  });

  it('a key: the event is about it, or else the key did it (as itself or for a person)', () => {
    expect(matches({ target: { type: 'apiKey', id: KEY, name: 'K' } }, { apiKeyId: KEY })).toBe(true);
    expect(matches({ actor: { type: 'apiKey', id: KEY, name: 'K', viaKey: null } }, { apiKeyId: KEY })).toBe(true);
    expect(matches({ actor: { type: 'person', id: 'person-1', name: 'Ada', viaKey: { id: KEY, name: 'K' } } }, { apiKeyId: KEY })).toBe(true);
    // A key revoking another key: the event is about the revoked one (as the server files it).
    expect(
      matches({ actor: { type: 'apiKey', id: KEY, name: 'K', viaKey: null }, target: { type: 'apiKey', id: OTHER_KEY, name: 'O' } }, { apiKeyId: KEY }),
    ).toBe(false);
    expect(matches({}, { apiKeyId: KEY })).toBe(false);
  });

  it('the actor: the person (also through a key) or the key acting as itself', () => {
    expect(matches({}, { actorId: 'person-1' })).toBe(true);
    expect(matches({ actor: { type: 'person', id: 'person-1', name: 'Ada', viaKey: { id: KEY, name: 'K' } } }, { actorId: 'person-1' })).toBe(true);
    expect(matches({ actor: { type: 'apiKey', id: KEY, name: 'K', viaKey: null } }, { actorId: 'person-1' })).toBe(false);
  });

  it('from is inclusive, to exclusive, whatever the offset they are written with', () => {
    expect(matches({}, { from: '2026-11-20T12:00:00.000Z' })).toBe(true);
    expect(matches({}, { from: '2026-11-20T13:00:00.001+01:00' })).toBe(false);
    expect(matches({}, { to: '2026-11-20T12:00:00.000Z' })).toBe(false);
    expect(matches({}, { to: '2026-11-20T13:00:00.001+01:00' })).toBe(true);
  });

  it('a filter whose start is after its end is refused when parsed', () => {
    expect(AuditFilterSchema.safeParse({ from: '2026-11-21T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }).success).toBe(false);
  });
});
