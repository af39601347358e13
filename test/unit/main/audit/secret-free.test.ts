/**
 * Issue 18 (4): every string of an audit event is scrubbed of secret-shaped text — names, ids, the
 * type fields, details at any depth and the names of details' fields — not `details` alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REMOVED_SECRET, holdsSecretShape, withoutSecrets } from '../../../../src/main/audit/secret-free.js';
import { AuditEventDtoSchema, type AuditEventDto } from '../../../../src/shared/http/index.js';

const KEY_SECRET = `rkr_key_${'A'.repeat(32)}abcdef`;
const ADMIN_TOKEN = `rkr_adm_${'b'.repeat(38)}`;

function event(overrides: Partial<AuditEventDto> = {}): AuditEventDto {
  return {
    id: '00000000-0000-4000-9000-000000000001',
    occurredAt: '2026-11-20T12:00:00.000Z',
    action: 'playbook_run.started',
    actor: { type: 'person', id: '11111111-1111-4111-8111-111111111111', name: 'Ada Admin', viaKey: null },
    target: { type: 'playbookRun', id: 'run-1', name: 'Nightly' },
    details: null,
    ...overrides,
  };
}

describe('withoutSecrets: the whole event', () => {
  it('scrubs actor, via-key and target names and ids, the types, and details (values and field names) at any depth', () => {
    const leaky = event({
      actor: { type: 'apiKey', id: KEY_SECRET, name: `made by ${KEY_SECRET}`, viaKey: { id: ADMIN_TOKEN, name: KEY_SECRET } },
      target: { type: `kind ${ADMIN_TOKEN}`, id: KEY_SECRET, name: `playbook ${KEY_SECRET}` },
      details: { [KEY_SECRET]: 1, nested: [{ deep: [ADMIN_TOKEN] }], hint: 'rkr_key_…Ab3x' },
    });
    const clean = withoutSecrets(leaky);
    const text = JSON.stringify(clean);
    expect(holdsSecretShape(text)).toBe(false);
    expect(clean.actor).toEqual({
      type: 'apiKey',
      id: REMOVED_SECRET,
      name: `made by ${REMOVED_SECRET}`,
      viaKey: { id: REMOVED_SECRET, name: REMOVED_SECRET },
    });
    expect(clean.target).toEqual({ type: `kind ${REMOVED_SECRET}`, id: REMOVED_SECRET, name: `playbook ${REMOVED_SECRET}` });
    expect(clean.details).toEqual({ [REMOVED_SECRET]: 1, nested: [{ deep: [REMOVED_SECRET] }], hint: 'rkr_key_…Ab3x' });
    // The event's identity and order are untouched, and it is still an event.
    expect([clean.id, clean.occurredAt, clean.action]).toEqual([leaky.id, leaky.occurredAt, leaky.action]);
    expect(AuditEventDtoSchema.safeParse(clean).success).toBe(true);
  });

  it('an event with nothing secret-shaped comes back equal (hints, emails, capabilities stay)', () => {
    const plain = event({
      target: { type: 'apiKey', id: '00000000-0000-4000-8000-0000000000aa', name: 'Billing rkr_key_…Ab3x' },
      details: { capabilities: ['data-record:read'], email: 'ops@example.com', count: 3, flag: true, none: null },
    });
    expect(withoutSecrets(plain)).toEqual(plain);
  });

  it('property: a secret placed in any string of an event never survives', () => {
    const secret = fc.constantFrom(KEY_SECRET, ADMIN_TOKEN);
    const text = fc.tuple(fc.string({ maxLength: 8 }), secret, fc.string({ maxLength: 8 })).map(([a, s, b]) => `${a} ${s} ${b}`);
    const where = fc.constantFrom(
      'actor.name',
      'actor.id',
      'viaKey.name',
      'viaKey.id',
      'target.name',
      'target.id',
      'target.type',
      'details.value',
      'details.key',
      'details.deep',
    );
    fc.assert(
      fc.property(where, text, (place, value) => {
        const e = event({ actor: { type: 'apiKey', id: 'k', name: 'n', viaKey: { id: 'v', name: 'v' } }, details: {} });
        if (place === 'actor.name') e.actor.name = value;
        if (place === 'actor.id') e.actor.id = value;
        if (place === 'viaKey.name') e.actor.viaKey!.name = value;
        if (place === 'viaKey.id') e.actor.viaKey!.id = value;
        if (place === 'target.name') e.target.name = value;
        if (place === 'target.id') e.target.id = value;
        if (place === 'target.type') e.target.type = value;
        if (place === 'details.value') e.details = { note: value };
        if (place === 'details.key') e.details = { [value]: 'x' };
        if (place === 'details.deep') e.details = { a: [{ b: { c: [value] } }] };
        expect(holdsSecretShape(JSON.stringify(withoutSecrets(e)))).toBe(false);
      }),
    );
  });
});
