/**
 * Realistic requests for every operation of the OpenAPI document, keyed by operationId: what a
 * client of that operation sends, its successes and its own errors. The conformance test runs them
 * and fails naming any documented operation without an entry here, so a new route needs one.
 * (What authentication and X-RakerOne-Act-As add — 400, 401, 403, 404, 429 — and the 5xx of a failing
 * database are exercised on every operation by the test itself.)
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { generateSecret, hashSecret, hintOf } from '../../../../src/shared/key-format.js';

export interface ConformanceRequest {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The client address (each request gets its own unless given, so failed sign-ins never add up). */
  remoteAddress?: string;
}

/** Sends a request to the documented operation; `expected` is the status this case must get ('5xx': any server error). */
export type Send = (operationId: string, request: ConformanceRequest, expected: number | '5xx') => Promise<LightMyRequestResponse>;

export interface CaseContext {
  adminToken: string;
  /** A member (no Admin role) of the same organization. */
  memberToken: string;
  memberEmail: string;
  projectId: string;
  /** A project of another organization (reads as absent). */
  otherProjectId: string;
  /** A key with the records and playbook-run capabilities that may impersonate. */
  workerSecret: string;
  /** A key with no capability at all. */
  plainSecret: string;
  /** A new admin of the organization (for per-person limits). */
  addAdmin(): Promise<string>;
  /** A new key of the organization, created by the admin: its id. */
  newKeyId(): Promise<string>;
}

const IN_A_DAY = () => new Date(Date.now() + 86_400_000).toISOString();

async function revoked(ctx: CaseContext, send: Send): Promise<string> {
  const id = await ctx.newKeyId();
  await send('revokeApiKey', { token: ctx.adminToken, params: { id } }, 200);
  return id;
}

export const CASES: Record<string, (ctx: CaseContext, send: Send) => Promise<void>> = {
  async getHealth(_ctx, send) {
    await send('getHealth', {}, 200);
  },

  async getOpenApiDocument(_ctx, send) {
    await send('getOpenApiDocument', {}, 200);
  },

  async getMe(ctx, send) {
    await send('getMe', { token: ctx.adminToken }, 200);
    await send('getMe', { token: ctx.workerSecret }, 200);
    const acting = await send('getMe', { token: ctx.workerSecret, headers: { 'x-rakerone-act-as': ctx.memberEmail } }, 200);
    expect(acting.json().actingAs.email).toBe(ctx.memberEmail);
  },

  async listCapabilities(ctx, send) {
    await send('listCapabilities', { token: ctx.plainSecret }, 200);
  },

  async listApiKeys(ctx, send) {
    await send('listApiKeys', { token: ctx.adminToken }, 200);
    await send('listApiKeys', { token: ctx.adminToken, query: { status: 'active', limit: '1' } }, 200);
    await send('listApiKeys', { token: ctx.adminToken, query: { limit: '0' } }, 400);
    await send('listApiKeys', { token: ctx.adminToken, query: { cursor: 'not-a-cursor' } }, 400);
    await send('listApiKeys', { token: ctx.adminToken, query: { usedFrom: '203.0.113.7' } }, 200);
    await send('listApiKeys', { token: ctx.adminToken, query: { usedFrom: 'not-an-address' } }, 400);
    await send('listApiKeys', { token: ctx.memberToken }, 403);
    await send('listApiKeys', { token: ctx.workerSecret }, 403);
  },

  async createApiKey(ctx, send) {
    await send('createApiKey', { token: ctx.adminToken, body: { name: 'Server-made', capabilities: ['data-record:read'] } }, 201);
    const secret = generateSecret('apiKey');
    const hashed = { name: 'Client-made', capabilities: [], secretHash: hashSecret(secret), hint: hintOf(secret), expiresAt: IN_A_DAY() };
    const idempotencyKey = randomUUID();
    await send('createApiKey', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: hashed }, 201);
    const replay = await send('createApiKey', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: hashed }, 200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await send('createApiKey', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: { ...hashed, name: 'Other' } }, 409);
    await send('createApiKey', { token: ctx.adminToken, body: { ...hashed, name: 'Same secret' } }, 409);
    await send('createApiKey', { token: ctx.adminToken, body: { name: 'Half', capabilities: [], secretHash: hashSecret(generateSecret('apiKey')) } }, 400);
    await send('createApiKey', { token: ctx.adminToken, body: { name: 'Unknown', capabilities: ['nope'] } }, 400);
  },

  async revokeApiKey(ctx, send) {
    const id = await ctx.newKeyId();
    await send('revokeApiKey', { token: ctx.adminToken, params: { id } }, 200);
    await send('revokeApiKey', { token: ctx.adminToken, params: { id } }, 200);
    await send('revokeApiKey', { token: ctx.adminToken, params: { id: randomUUID() } }, 404);
    await send('revokeApiKey', { token: ctx.adminToken, params: { id: 'not-an-id' } }, 400);
  },

  async bulkRevokeApiKeys(ctx, send) {
    const ids = [await ctx.newKeyId(), await ctx.newKeyId(), randomUUID()];
    const idempotencyKey = randomUUID();
    await send('bulkRevokeApiKeys', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: { ids } }, 200);
    await send('bulkRevokeApiKeys', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: { ids } }, 200);
    await send('bulkRevokeApiKeys', { token: ctx.adminToken, headers: { 'idempotency-key': idempotencyKey }, body: { ids: [ids[0]] } }, 409);
    await send('bulkRevokeApiKeys', { token: ctx.adminToken, body: { ids: [] } }, 400);
  },

  async identifyApiKeys(ctx, send) {
    await send('identifyApiKeys', { token: ctx.adminToken, body: { secretHashes: [hashSecret(ctx.workerSecret), hashSecret(generateSecret('apiKey'))] } }, 200);
    await send('identifyApiKeys', { token: ctx.adminToken, body: { secretHashes: ['NOT-HEX'] } }, 400);
    // 30 per person per minute: a fresh admin's 31st request is refused.
    const admin = await ctx.addAdmin();
    const body = { secretHashes: [hashSecret(generateSecret('apiKey'))] };
    for (let i = 0; i < 30; i++) await send('identifyApiKeys', { token: admin, body }, 200);
    await send('identifyApiKeys', { token: admin, body }, 429);
  },

  async scheduleApiKeyRevocation(ctx, send) {
    const id = await ctx.newKeyId();
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id }, body: { at: IN_A_DAY() } }, 200);
    const replacement = await ctx.newKeyId();
    const idempotencyKey = randomUUID();
    const afterUse = { afterFirstUseOf: replacement, graceSeconds: 3600 };
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id }, headers: { 'idempotency-key': idempotencyKey }, body: afterUse }, 200);
    const replay = await send(
      'scheduleApiKeyRevocation',
      { token: ctx.adminToken, params: { id }, headers: { 'idempotency-key': idempotencyKey }, body: afterUse },
      200,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id }, body: {} }, 400);
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id }, body: { at: IN_A_DAY(), graceSeconds: 0 } }, 400);
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id: randomUUID() }, body: { at: IN_A_DAY() } }, 404);
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id: await revoked(ctx, send) }, body: { at: IN_A_DAY() } }, 409);
  },

  async cancelApiKeyRevocation(ctx, send) {
    const id = await ctx.newKeyId();
    await send('scheduleApiKeyRevocation', { token: ctx.adminToken, params: { id }, body: { at: IN_A_DAY() } }, 200);
    const cancelled = await send('cancelApiKeyRevocation', { token: ctx.adminToken, params: { id } }, 200);
    expect(cancelled.json().apiKey.scheduledRevocation).toBeNull();
    await send('cancelApiKeyRevocation', { token: ctx.adminToken, params: { id: randomUUID() } }, 404);
    await send('cancelApiKeyRevocation', { token: ctx.adminToken, params: { id: await revoked(ctx, send) } }, 409);
  },

  async setApiKeyAllowedAddresses(ctx, send) {
    const id = await ctx.newKeyId();
    const set = await send(
      'setApiKeyAllowedAddresses',
      { token: ctx.adminToken, params: { id }, body: { allowedAddresses: ['203.0.113.7', '2001:db8::/32'] } },
      200,
    );
    expect(set.json().apiKey.allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32']);
    const idempotencyKey = randomUUID();
    const cleared = { token: ctx.adminToken, params: { id }, headers: { 'idempotency-key': idempotencyKey }, body: { allowedAddresses: null } };
    expect((await send('setApiKeyAllowedAddresses', cleared, 200)).json().apiKey.allowedAddresses).toBeNull();
    expect((await send('setApiKeyAllowedAddresses', cleared, 200)).headers['idempotent-replayed']).toBe('true');
    await send('setApiKeyAllowedAddresses', { ...cleared, body: { allowedAddresses: ['203.0.113.7'] } }, 409);
    await send('setApiKeyAllowedAddresses', { token: ctx.adminToken, params: { id }, body: { allowedAddresses: ['203.0.113.7/24'] } }, 400);
    await send('setApiKeyAllowedAddresses', { token: ctx.adminToken, params: { id }, body: { allowedAddresses: [] } }, 400);
    await send('setApiKeyAllowedAddresses', { token: ctx.adminToken, params: { id: randomUUID() }, body: { allowedAddresses: null } }, 404);
    await send('setApiKeyAllowedAddresses', { token: ctx.adminToken, params: { id: await revoked(ctx, send) }, body: { allowedAddresses: null } }, 409);
    // A key used from outside its list: 403 naming the caller.
    const restricted = await send(
      'createApiKey',
      { token: ctx.adminToken, body: { name: 'Office only', capabilities: [], allowedAddresses: ['203.0.113.7'] } },
      201,
    );
    const secret = restricted.json().secret as string;
    await send('getMe', { token: secret, remoteAddress: '203.0.113.7' }, 200);
    const outside = await send('getMe', { token: secret, remoteAddress: '192.0.2.1' }, 403);
    expect(outside.json().error.message).toBe('This API key may not be used from 192.0.2.1');
  },

  async getApiKeyUsage(ctx, send) {
    await send('getApiKeyUsage', { token: ctx.adminToken, params: { id: await ctx.newKeyId() } }, 200);
    await send('getApiKeyUsage', { token: ctx.adminToken, params: { id: randomUUID() } }, 404);
  },

  async getApiKeyActivity(ctx, send) {
    const id = await ctx.newKeyId();
    const activity = await send('getApiKeyActivity', { token: ctx.adminToken, params: { id } }, 200);
    expect(activity.json().days).toHaveLength(30);
    await send('getApiKeyActivity', { token: ctx.adminToken, params: { id }, query: { days: '90' } }, 200);
    await send('getApiKeyActivity', { token: ctx.adminToken, params: { id }, query: { days: '91' } }, 400);
    await send('getApiKeyActivity', { token: ctx.adminToken, params: { id: randomUUID() } }, 404);
  },

  async getApiKeyActivitySummary(ctx, send) {
    // A key used just now, so the summary has a row to describe.
    await send('getMe', { token: ctx.workerSecret }, 200);
    await send('getApiKeyActivitySummary', { token: ctx.adminToken }, 200);
    await send('getApiKeyActivitySummary', { token: ctx.adminToken, query: { days: '0' } }, 400);
  },

  async getKeyPolicy(ctx, send) {
    await send('getKeyPolicy', { token: ctx.adminToken }, 200);
  },

  async setKeyPolicy(ctx, send) {
    await send('setKeyPolicy', { token: ctx.adminToken, body: { maxLifetimeDays: 90, requireExpiry: true } }, 200);
    await send('setKeyPolicy', { token: ctx.adminToken, body: { maxLifetimeDays: 0, requireExpiry: true } }, 400);
    const requiring = await send(
      'setKeyPolicy',
      { token: ctx.adminToken, body: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true } },
      200,
    );
    expect(requiring.json().requireAllowedAddresses).toBe(true);
    await send('createApiKey', { token: ctx.adminToken, body: { name: 'Anywhere', capabilities: [] } }, 400);
    await send('setKeyPolicy', { token: ctx.adminToken, body: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: 'yes' } }, 400);
    // Back to no policy: the other cases create keys without an expiry.
    await send('setKeyPolicy', { token: ctx.adminToken, body: { maxLifetimeDays: null, requireExpiry: false } }, 200);
  },

  async listAuditEvents(ctx, send) {
    await send('listAuditEvents', { token: ctx.adminToken }, 200);
    await send('listAuditEvents', { token: ctx.adminToken, query: { action: ['api_key.created', 'api_key.revoked'], limit: '5' } }, 200);
    await send('listAuditEvents', { token: ctx.adminToken, query: { from: IN_A_DAY(), to: new Date().toISOString() } }, 400);
  },

  async startPlaybookRun(ctx, send) {
    const body = { playbookId: 'onboarding', startData: { customer: 'Acme' } };
    const idempotencyKey = randomUUID();
    const params = { projectId: ctx.projectId };
    await send('startPlaybookRun', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body }, 201);
    await send('startPlaybookRun', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body }, 200);
    await send('startPlaybookRun', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body: { playbookId: 'other' } }, 409);
    await send('startPlaybookRun', { token: ctx.workerSecret, params: { projectId: ctx.otherProjectId }, body }, 404);
    await send('startPlaybookRun', { token: ctx.plainSecret, params, body }, 403);
    await send('startPlaybookRun', { token: ctx.workerSecret, params, body: { startData: {} } }, 400);
  },

  async listRecords(ctx, send) {
    await send('listRecords', { token: ctx.workerSecret, params: { projectId: ctx.projectId }, query: { limit: '2' } }, 200);
    await send('listRecords', { token: ctx.workerSecret, params: { projectId: ctx.otherProjectId } }, 404);
    await send('listRecords', { token: ctx.plainSecret, params: { projectId: ctx.projectId } }, 403);
  },

  async createRecord(ctx, send) {
    const params = { projectId: ctx.projectId };
    const idempotencyKey = randomUUID();
    const body = { fields: { title: 'Invoice 42', total: 99.5 } };
    await send('createRecord', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body }, 201);
    await send('createRecord', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body }, 200);
    await send('createRecord', { token: ctx.workerSecret, params, headers: { 'idempotency-key': idempotencyKey }, body: { fields: {} } }, 409);
    await send('createRecord', { token: ctx.workerSecret, params: { projectId: ctx.otherProjectId }, body }, 404);
    await send('createRecord', { token: ctx.workerSecret, params, body: { title: 'no fields' } }, 400);
  },

  async deleteRecord(ctx, send) {
    const created = await send('createRecord', { token: ctx.workerSecret, params: { projectId: ctx.projectId }, body: { fields: { n: 1 } } }, 201);
    const params = { projectId: ctx.projectId, id: created.json().record.id as string };
    await send('deleteRecord', { token: ctx.workerSecret, params }, 204);
    await send('deleteRecord', { token: ctx.workerSecret, params }, 404);
  },
};
