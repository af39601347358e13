/**
 * Runs N model-based histories of the sync (commands.ts) against one real server, each in a fresh
 * organization and data folder. After each history, with the server up and the queue drained:
 * - the server's keys equal the model: every acknowledged action applied exactly once, none lost,
 *   none doubled (an action whose call the crash interrupted: at most once);
 * - every key created (online or offline) works with its secret; every revoked one is refused, and so
 *   is every key whose last acknowledged containment was a suspend (the server ends on the last word);
 * - the app's list equals the server's; nothing is left queued or failed;
 * - no secret (key or admin token) is in any file of the data folder.
 * A failing history is shrunk by fast-check and printed.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiKeyDto } from '../../../src/shared/http/index.js';
import { startTestServer, type TestServer } from '../test-server.js';
import { commandArbitraries, type Model, type ModelKey } from './commands.js';
import { containmentCommands } from './containment-commands.js';
import { allowedAddressesCommands, checkAllowedAddresses } from './allowed-addresses-commands.js';
import { World } from './world.js';

export interface ModelReport {
  sequences: number;
  violations: number;
  /** The shrunk failing history and its error, if any. */
  failure: string | null;
}

async function settle(world: World): Promise<void> {
  world.setGate({ mode: 'up' });
  for (let round = 0; round < 6; round++) {
    const app = await world.alive();
    const synced = await app.call('sync:now', {});
    if (synced?.ok && synced.data.pending === 0 && synced.data.status !== 'syncing') return;
    await app.clock.advance(120_000);
  }
  throw new Error('violation: the queue did not drain with the server up');
}

/** A plan as both sides must show it (a first-use plan's `at` is left out: the check's own requests fill it). */
function planText(plan: ApiKeyDto['scheduledRevocation']): string {
  if (plan === null) return 'no-retirement';
  return 'afterFirstUseOf' in plan ? `after ${plan.afterFirstUseOf} +${plan.graceSeconds}s` : `at ${plan.at}`;
}

/**
 * The server holds the last acknowledged plan (unless a later call's outcome is unknown), and its audit
 * trail records each schedule at most once — and exactly once for those acknowledged since the last
 * cancel asked for.
 */
async function checkRetirement(world: World, key: ModelKey, onServer: ApiKeyDto, server: ApiKeyDto[], fail: (message: string) => never): Promise<void> {
  const scheduled = (await world.auditActions(onServer.id)).filter((action) => action === 'api_key.revocation_scheduled').length;
  if (scheduled > key.schedulesAsked) fail(`"${key.name}": ${scheduled} schedules recorded, ${key.schedulesAsked} asked for`);
  if (scheduled < key.schedulesSure.length)
    fail(`"${key.name}": ${scheduled} schedules recorded, ${key.schedulesSure.length} acknowledged and never cancelled`);
  if (key.revoked !== 'no' || key.plan === 'unknown') return;
  const plan = key.plan;
  let expected: string;
  if (plan === 'none') expected = planText(null);
  else if ('at' in plan) expected = planText({ at: plan.at });
  else {
    const replacement = server.find((k) => k.name === plan.afterFirstUseOf);
    if (!replacement) return fail(`"${key.name}" waits for "${plan.afterFirstUseOf}", which the server does not have`);
    expected = planText({ afterFirstUseOf: replacement.id, graceSeconds: plan.graceSeconds, at: null });
  }
  if (planText(onServer.scheduledRevocation) !== expected)
    fail(`"${key.name}" retires ${planText(onServer.scheduledRevocation)} on the server, asked for ${expected}`);
}

async function checkOutcome(world: World, model: Model): Promise<void> {
  await settle(world);
  const fail = (message: string): never => {
    throw new Error(`violation: ${message}`);
  };
  const server = await world.serverKeys();
  const known = new Set(model.keys.map((k) => k.name));
  for (const key of server) if (!known.has(key.name)) fail(`the server has a key nobody created: "${key.name}"`);
  for (const key of model.keys) {
    const copies = server.filter((k) => k.name === key.name);
    if (copies.length > 1) fail(`"${key.name}" was created ${copies.length} times`);
    const onServer = copies[0];
    // The last acknowledged suspend or resume decides (unknown after an interrupted call: either).
    const expected = key.suspended === 'yes' ? ['suspended'] : key.suspended === 'no' ? ['active'] : ['active', 'suspended'];
    if (key.created === 'yes' && key.revoked === 'no' && !expected.includes(onServer?.status ?? 'missing'))
      fail(`acknowledged "${key.name}" is ${onServer ? onServer.status : 'missing'} on the server, expected ${expected.join(' or ')}`);
    if (key.revoked === 'yes' && onServer && onServer.status !== 'revoked') fail(`acknowledged revoke of "${key.name}" was not applied`);
    if (onServer && onServer.expiresAt !== key.expiresAt) fail(`"${key.name}" expires at ${onServer.expiresAt} on the server, asked for ${key.expiresAt}`);
    if (key.secret && key.revoked === 'no' && key.created === 'yes' && key.suspended === 'no' && (await world.statusWith(key.secret)) !== 200)
      fail(`"${key.name}" does not work with its secret`);
    if (key.secret && key.revoked === 'no' && key.suspended === 'yes' && (await world.statusWith(key.secret)) !== 401)
      fail(`suspended "${key.name}" still works`);
    if (key.secret && key.revoked === 'yes' && (await world.statusWith(key.secret)) !== 401) fail(`revoked "${key.name}" still works`);
    if (onServer) await checkRetirement(world, key, onServer, server, fail);
  }
  const app = await world.alive();
  const state = await app.call('sync:state', {});
  if (!state?.ok || state.data.pending !== 0 || state.data.failed.length > 0) fail(`the queue is not empty: ${JSON.stringify(state)}`);
  const list = await app.call('keys:list', {});
  if (!list?.ok) return fail('keys:list failed after the sync');
  const appView = list.data.keys
    .map((k) => `${k.id} ${k.name} ${k.status} ${k.expiresAt ?? 'never'} ${planText(k.scheduledRevocation)} ${k.pending ? 'pending' : ''}`)
    .sort();
  const serverView = server.map((k) => `${k.id} ${k.name} ${k.status} ${k.expiresAt ?? 'never'} ${planText(k.scheduledRevocation)} `).sort();
  if (JSON.stringify(appView) !== JSON.stringify(serverView))
    fail(`the app's list differs from the server's:\n  app:    ${appView.join('\n          ')}\n  server: ${serverView.join('\n          ')}`);
  checkAllowedAddresses(model, server, list.data.keys, fail);
  // The app quits (its last writes land) before its folder is searched.
  await world.stop();
  const secrets = [world.adminToken, ...model.keys.flatMap((k) => (k.secret ? [k.secret] : []))];
  for (const content of await world.disk()) for (const secret of secrets) if (content.includes(secret)) fail('a secret is stored on disk');
}

export async function runModel(options: { runs: number; seed?: number; maxCommands?: number }): Promise<ModelReport> {
  const server: TestServer = await startTestServer({ authFailureLimits: { max: 1_000_000, windowMs: 60_000 } });
  const dirs: string[] = [];
  let history = 0;
  try {
    const property = fc.asyncProperty(
      fc.commands([...commandArbitraries, ...containmentCommands, ...allowedAddressesCommands], { maxCommands: options.maxCommands ?? 20 }),
      async (commands) => {
        const n = history++;
        const org = await server.app().rakerone.people.addPerson({ orgSlug: `model-${n}`, email: 'admin@model.test', role: 'admin' });
        const dir = mkdtempSync(join(tmpdir(), 'rakerone-model-'));
        dirs.push(dir);
        const world = new World(server.url, org.token, dir);
        try {
          const app = await world.boot();
          const connected = await app.call('connection:connect', { serverUrl: server.url, adminToken: org.token });
          if (!connected?.ok) throw new Error(`setup: connect failed ${JSON.stringify(connected)}`);
          const model: Model = { tag: `h${n}`, keys: [] };
          await fc.asyncModelRun(() => ({ model, real: world }), commands);
          await checkOutcome(world, model);
        } finally {
          await world.stop();
          // A write the killed process had already started may still land: retry the removal.
          rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
        }
      },
    );
    const details = await fc.check(property, { numRuns: options.runs, seed: options.seed });
    if (!details.failed) return { sequences: details.numRuns, violations: 0, failure: null };
    const shrunk = details.counterexample ? String(details.counterexample[0]) : '(no counterexample)';
    const error =
      details.errorInstance instanceof Error
        ? process.env.MODEL_STACK
          ? String(details.errorInstance.stack)
          : details.errorInstance.message
        : String(details.errorInstance);
    return {
      sequences: details.numRuns,
      violations: 1,
      failure: `seed ${details.seed}, path ${details.counterexamplePath}\nshrunk history: ${shrunk}\n${error}`,
    };
  } finally {
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await server.close();
  }
}
