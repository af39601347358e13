/**
 * The request bodies the document describes are the ones the server accepts: for each body with a
 * rule that combines fields (secretHash with hint; a scheduled revocation's `at`, or
 * `afterFirstUseOf` with `graceSeconds`) and for every other documented body, generated bodies —
 * fields present or absent, valid or not — are judged by the server's own schema (zod, as the route
 * validates) and by the document's (Ajv); the two must agree on every one. Values are drawn from sets
 * both can judge: a key name's trimming and character rules, and `from` ≤ `to`, are prose only.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  BulkRevokeApiKeysBodySchema,
  CreateApiKeyBodySchema,
  IdentifyApiKeysBodySchema,
  KeyPolicySchema,
  ScheduleRevocationBodySchema,
} from '../../../../src/shared/http/api-keys.js';
import { SetAllowedAddressesBodySchema, SuspendApiKeyBodySchema } from '../../../../src/shared/http/containment.js';
import { BulkSuspendApiKeysBodySchema } from '../../../../src/shared/http/incident.js';
import { CreateRecordBodySchema, StartPlaybookRunBodySchema } from '../../../../src/shared/http/resources.js';
import { createConformanceChecker, type OpenApiDocument, operationsOf } from '../../../helpers/openapi-conformance.js';
import { useApp } from '../support.js';

const UUID = '01900000-0000-7000-8000-000000000002';
const HEX64 = 'a'.repeat(64);

/** Mostly valid values, sometimes not: so that whole bodies are often accepted too. */
function field(valid: unknown[], invalid: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
}

/** Each field present or absent; now and then a field no body has. */
function bodies(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.integer({ min: 0, max: 9 })).map(([body, n]) => (n === 0 ? { ...body, role: 'admin' } : body));
}

const instant = field(['2030-01-01T00:00:00Z', '2030-01-01T01:00:00.5+01:00'], ['2030-02-30T00:00:00Z', 'tomorrow', 1_900_000_000]);
const id = field([UUID, UUID.toUpperCase()], ['not-an-id', 42]);
/** A suspension's reason (its trimming and one-line rule are prose only). */
const reason = field(['Seen in a public paste', 'x'.repeat(200)], ['x'.repeat(201), '', 7, null]);

/** Allowed addresses: the blocks' syntax is prose in the document (a CIDR rule JSON Schema cannot say), so only shapes and bounds vary here. */
const allowedList = field([['203.0.113.7'], ['2001:db8::/32', '10.0.0.0/8'], null], [[], '203.0.113.7', [7], Array.from({ length: 51 }, () => '10.0.0.1')]);

/** operationId → the schema its route validates the body with, and bodies to judge. */
const BODIES: Record<string, { schema: z.ZodType; bodies: fc.Arbitrary<unknown> }> = {
  createApiKey: {
    schema: CreateApiKeyBodySchema,
    bodies: bodies({
      name: field(['Data import', 'x'.repeat(100)], ['x'.repeat(101), '', 7]),
      capabilities: field(
        [[], ['data-record:read'], ['data-record:read', 'playbook-run:start']],
        [['data-record:read', 'data-record:read'], ['nope'], 'data-record:read'],
      ),
      canImpersonate: field([true, false], ['yes']),
      secretHash: field([HEX64], [HEX64.toUpperCase(), 'abc']),
      hint: field(['rkr_key_…Ab3x'], ['rkr_key_…Ab3', 'hint']),
      expiresAt: instant,
      allowedAddresses: allowedList,
    }),
  },
  setApiKeyAllowedAddresses: {
    schema: SetAllowedAddressesBodySchema,
    bodies: bodies({ allowedAddresses: allowedList }),
  },
  scheduleApiKeyRevocation: {
    schema: ScheduleRevocationBodySchema,
    bodies: bodies({ at: instant, afterFirstUseOf: id, graceSeconds: field([0, 3600, 2_592_000], [2_592_001, -1, 1.5, '60', null]) }),
  },
  bulkRevokeApiKeys: {
    schema: BulkRevokeApiKeysBodySchema,
    bodies: bodies({ ids: fc.oneof(fc.array(id, { maxLength: 3 }), fc.constant(UUID)) }),
  },
  suspendApiKey: {
    schema: SuspendApiKeyBodySchema,
    bodies: bodies({ reason }),
  },
  bulkSuspendApiKeys: {
    schema: BulkSuspendApiKeysBodySchema,
    bodies: bodies({ ids: fc.oneof(fc.array(id, { maxLength: 3 }), fc.constant(UUID)), reason }),
  },
  identifyApiKeys: {
    schema: IdentifyApiKeysBodySchema,
    bodies: bodies({ secretHashes: fc.oneof(fc.array(field([HEX64], [HEX64.toUpperCase(), 'abc']), { maxLength: 3 }), fc.constant(HEX64)) }),
  },
  setKeyPolicy: {
    schema: KeyPolicySchema,
    bodies: bodies({
      maxLifetimeDays: field([null, 1, 3650], [0, 3651, 1.5, '30']),
      requireExpiry: field([true, false], ['no']),
      requireAllowedAddresses: field([true, false], ['no']),
    }),
  },
  startPlaybookRun: {
    schema: StartPlaybookRunBodySchema,
    bodies: bodies({ playbookId: field(['onboarding', 'x'.repeat(100)], ['x'.repeat(101), '', 3]), startData: field([{ a: 1 }, {}], [[], 'data', null]) }),
  },
  createRecord: {
    schema: CreateRecordBodySchema,
    bodies: bodies({ fields: field([{ title: 'x' }, {}], [[], 'x', null, { ['k'.repeat(101)]: 1 }]) }),
  },
};

describe('request bodies: the document and the server agree', () => {
  const h = useApp('sqlite');

  it('judges every generated body the same way as the route schema, and names every documented body', async () => {
    const doc = (await h.app().inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
    const checker = createConformanceChecker(doc);
    const withBodies = operationsOf(doc).filter((op) => op.operation.requestBody !== undefined);
    expect(withBodies.map((op) => op.operationId).sort()).toEqual(Object.keys(BODIES).sort());
    for (const op of withBodies) {
      const { schema, bodies } = BODIES[op.operationId]!;
      const documented = checker.requestBody(op);
      const verdicts = new Set<boolean>();
      fc.assert(
        fc.property(bodies, (body) => {
          const server = schema.safeParse(body).success;
          const document = documented(body);
          verdicts.add(server);
          expect(
            document,
            `${op.operationId} ${JSON.stringify(body)}: server ${server ? 'accepts' : 'refuses'}, document ${checker.errorsText(documented)}`,
          ).toBe(server);
        }),
        { numRuns: 500 },
      );
      // Both verdicts occurred: the comparison was not all one-sided.
      expect([...verdicts].sort(), op.operationId).toEqual([false, true]);
    }
  });
});
