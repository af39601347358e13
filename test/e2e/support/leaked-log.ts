/** A log that leaked keys, for the Identify journeys: two of ours, one of another organization, one mistyped. */
import { expect } from '@playwright/test';
import { generateSecret } from '../../../src/shared/key-format.js';
import type { E2EServer } from '../fixtures.js';

/** The same key with one character of its random part changed: its checksum no longer matches. */
export const mistype = (key: string) => key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);

async function createKey(server: E2EServer, token: string, name: string): Promise<{ id: string; secret: string }> {
  const created = await server.api(token).post('/api/admin/api-keys', { name, capabilities: ['data-record:read'] });
  expect(created.status).toBe(201);
  return { id: created.body.apiKey.id, secret: created.body.secret };
}

/** "Billing export" and "Nightly webhook" of ours, "Globex integration" of organization globex, and a typo. */
export async function leakedLog(server: E2EServer) {
  const billing = await createKey(server, server.adminToken, 'Billing export');
  const webhook = await createKey(server, server.adminToken, 'Nightly webhook');
  const globex = await server.raw.app().rakerone.people.addPerson({ orgSlug: 'globex', email: 'admin@globex.test', role: 'admin' });
  const theirs = await createKey(server, globex.token, 'Globex integration');
  const typo = mistype(generateSecret('apiKey'));
  const log = [
    `2026-11-30T10:00:00Z INFO POST /api/records {"apiKey":"${billing.secret}"}`,
    `2026-11-30T10:00:01Z WARN retrying with Authorization: Bearer ${webhook.secret}`,
    `2026-11-30T10:00:02Z INFO partner key=${theirs.secret};`,
    `2026-11-30T10:00:03Z ERROR typed by hand: ${typo}`,
  ].join('\n');
  return { billing, webhook, theirs, typo, log, secrets: [billing.secret, webhook.secret, theirs.secret, typo] };
}
