/**
 * The commands of the model-based sync test: what an admin and the world can do (create, revoke,
 * rotate, bulk revoke; suspend and resume in containment-commands.ts; the server down or flapping, restarts, crashes), each checked against
 * a model of what must become true on the server. The model tracks, per key the history created,
 * whether its create and revoke were acknowledged ('yes'), unknown ('maybe': the app died during the
 * call) or never asked for. An acknowledged action must be applied exactly once, whatever happens to
 * the network or the process afterwards; an unknown one at most once.
 */
import fc from 'fast-check';
import type { KeyRow } from '../../../src/shared/ipc/contract.js';
import type { World } from './world.js';

export interface ModelKey {
  name: string;
  secret: string | null;
  created: 'yes' | 'maybe';
  revoked: 'no' | 'yes' | 'maybe';
  /** The expiry asked for at creation (null: none); the server's key must carry exactly this. */
  expiresAt: string | null;
  /**
   * The retirement the server must end up with: the last acknowledged schedule or cancel, or
   * 'unknown' after a call the crash interrupted (until the next acknowledged one). A first-use plan
   * names its replacement by name.
   */
  plan: 'none' | 'unknown' | { at: string } | { afterFirstUseOf: string; graceSeconds: number };
  /**
   * Schedules asked for (acknowledged or not): each reaches the server at most once. Those acknowledged
   * since the last cancel asked for must have reached it exactly once — a cancel may drop unsent ones,
   * and so may revoking the replacement a first-use plan waits for (its create may be cancelled locally).
   */
  schedulesAsked: number;
  schedulesSure: { waitsFor: string | null }[];
  /**
   * Whether the server must hold the key suspended: the last acknowledged suspend or resume ('yes' /
   * 'no'), or 'unknown' after a call the crash interrupted (until the next acknowledged one).
   */
  suspended: 'no' | 'yes' | 'unknown';
}

export interface Model {
  tag: string;
  keys: ModelKey[];
}

type Command = fc.AsyncCommand<Model, World, false>;

const BASE = { capabilities: ['data-record:read' as const], canImpersonate: false };

export function violation(message: string): never {
  throw new Error(`violation: ${message}`);
}

/** Keys whose create was acknowledged and that were never asked to be revoked. */
export const live = (m: Model) => m.keys.filter((k) => k.created === 'yes' && k.revoked === 'no');

/** The admin finds the key's row in the list, as they would click it. null if the app died. */
export async function rowOf(world: World, key: ModelKey): Promise<KeyRow | null> {
  const app = await world.alive();
  const list = await app.call('keys:list', {});
  if (!list) return null;
  if (!list.ok) return violation(`keys:list failed: ${list.error.code} ${list.error.message}`);
  const row = list.data.keys.find((r) => r.name === key.name && (r.status === 'active' || r.status === 'suspended'));
  return row ?? violation(`acknowledged key "${key.name}" is missing from the list`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function create(world: World, m: Model, rotate: { row: KeyRow } | null, expiryDays: number | null = null): Promise<ModelKey> {
  const app = await world.alive();
  // The server runs on real time (the app's clock is fake): the expiry is ahead of the real now.
  const expiresAt = expiryDays === null ? null : new Date(Date.now() + expiryDays * DAY_MS).toISOString();
  const key: ModelKey = {
    name: `${m.tag} k${m.keys.length}`,
    secret: null,
    created: 'maybe',
    revoked: 'no',
    expiresAt,
    plan: 'none',
    schedulesAsked: 0,
    schedulesSure: [],
    suspended: 'no',
  };
  m.keys.push(key);
  const input = { ...BASE, name: key.name, expiresAt };
  const result = rotate ? await app.call('keys:rotate', { ...input, oldKeyId: rotate.row.id }) : await app.call('keys:create', input);
  if (!result) return key;
  if (!result.ok) return violation(`${rotate ? 'rotate' : 'create'} refused: ${result.error.code} ${result.error.message}`);
  key.created = 'yes';
  key.secret = result.data.secret;
  await app.call('copy-screen:done', { id: result.data.key.id });
  return key;
}

/** A plan waiting for this key's first use may never reach the server now (dropped with its create). */
function forgetPlansWaitingOn(m: Model, key: ModelKey): void {
  for (const other of m.keys) {
    const before = other.schedulesSure.length;
    other.schedulesSure = other.schedulesSure.filter((s) => s.waitsFor !== key.name);
    const plan = other.plan;
    if (other.schedulesSure.length !== before || (typeof plan === 'object' && 'afterFirstUseOf' in plan && plan.afterFirstUseOf === key.name))
      other.plan = 'unknown';
  }
}

async function revoke(world: World, m: Model, key: ModelKey, row: KeyRow): Promise<void> {
  const app = await world.alive();
  key.revoked = 'maybe';
  forgetPlansWaitingOn(m, key);
  const result = await app.call('keys:revoke', { id: row.id });
  if (!result) return;
  if (!result.ok) violation(`revoke refused: ${result.error.code} ${result.error.message}`);
  key.revoked = 'yes';
}

class Create implements Command {
  constructor(readonly expiryDays: number | null) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    await create(world, m, null, this.expiryDays);
  }
  toString = () => (this.expiryDays === null ? 'create' : `create expiring in ${this.expiryDays} days`);
}

const createCommand = fc.option(fc.constantFrom(7, 30, 90, 365), { nil: null }).map((days) => new Create(days));

class Revoke implements Command {
  constructor(readonly pick: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const key = candidates[this.pick % Math.max(1, candidates.length)];
    if (!key) return;
    const row = await rowOf(world, key);
    if (row) await revoke(world, m, key, row);
  }
  toString = () => `revoke(${this.pick})`;
}

/** Rotate: create the replacement, then revoke the old key once switched over. */
class Rotate implements Command {
  constructor(readonly pick: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const old = candidates[this.pick % Math.max(1, candidates.length)];
    if (!old) return;
    const row = await rowOf(world, old);
    if (!row) return;
    const replacement = await create(world, m, { row });
    if (replacement.created !== 'yes') return;
    const again = await rowOf(world, old);
    if (again) await revoke(world, m, old, again);
  }
  toString = () => `rotate(${this.pick}) and revoke the old key`;
}

const HOUR_S = 3_600;

async function scheduleRetirement(
  world: World,
  key: ModelKey,
  row: KeyRow,
  plan: { at: string } | { afterFirstUseOf: { name: string; id: string }; graceSeconds: number },
): Promise<void> {
  const app = await world.alive();
  key.schedulesAsked += 1;
  key.plan = 'unknown';
  const input = 'at' in plan ? { at: plan.at } : { afterFirstUseOf: plan.afterFirstUseOf.id, graceSeconds: plan.graceSeconds };
  const result = await app.call('keys:schedule-retirement', { id: row.id, plan: input });
  if (!result) return;
  if (!result.ok) violation(`schedule refused: ${result.error.code} ${result.error.message}`);
  key.plan = 'at' in plan ? { at: plan.at } : { afterFirstUseOf: plan.afterFirstUseOf.name, graceSeconds: plan.graceSeconds };
  key.schedulesSure.push({ waitsFor: 'at' in plan ? null : plan.afterFirstUseOf.name });
}

/** Schedule a live key's retirement at a time (a day to a month ahead of the server's real clock). */
class ScheduleAt implements Command {
  constructor(
    readonly pick: number,
    readonly hours: number,
  ) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const key = candidates[this.pick % Math.max(1, candidates.length)];
    if (!key) return;
    const row = await rowOf(world, key);
    if (row) await scheduleRetirement(world, key, row, { at: new Date(Date.now() + this.hours * HOUR_S * 1000).toISOString() });
  }
  toString = () => `schedule retirement(${this.pick}) in ${this.hours} h`;
}

/** Rotate, then retire the old key on the new key's first use plus a grace (the new key may still be a queued create). */
class RotateRetire implements Command {
  constructor(
    readonly pick: number,
    readonly graceSeconds: number,
  ) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const old = candidates[this.pick % Math.max(1, candidates.length)];
    if (!old) return;
    const row = await rowOf(world, old);
    if (!row) return;
    const replacement = await create(world, m, { row });
    if (replacement.created !== 'yes') return;
    const newRow = await rowOf(world, replacement);
    const again = newRow && (await rowOf(world, old));
    if (newRow && again)
      await scheduleRetirement(world, old, again, { afterFirstUseOf: { name: replacement.name, id: newRow.id }, graceSeconds: this.graceSeconds });
  }
  toString = () => `rotate(${this.pick}) and retire the old key ${this.graceSeconds} s after the new key's first use`;
}

class CancelRetirement implements Command {
  constructor(readonly pick: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const key = candidates[this.pick % Math.max(1, candidates.length)];
    if (!key) return;
    const row = await rowOf(world, key);
    if (!row) return;
    const app = await world.alive();
    key.plan = 'unknown';
    // Asked for: unsent schedules may be dropped from here on, acknowledged or not.
    key.schedulesSure = [];
    const result = await app.call('keys:cancel-retirement', { id: row.id });
    if (!result) return;
    if (!result.ok) violation(`cancel refused: ${result.error.code} ${result.error.message}`);
    key.plan = 'none';
  }
  toString = () => `cancel retirement(${this.pick})`;
}

/** Incident response: several live keys revoked as one action (one request, or one queued entry). */
class BulkRevoke implements Command {
  constructor(readonly mask: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const chosen = live(m).filter((_key, i) => (this.mask >> (i % 8)) & 1);
    if (chosen.length === 0) return;
    const rows: KeyRow[] = [];
    for (const key of chosen) {
      const row = await rowOf(world, key);
      if (!row) return;
      rows.push(row);
    }
    const app = await world.alive();
    chosen.forEach((key) => (key.revoked = 'maybe'));
    for (const key of chosen) forgetPlansWaitingOn(m, key);
    const result = await app.call('keys:bulk-revoke', { ids: rows.map((row) => row.id) });
    if (!result) return;
    if (!result.ok) violation(`bulk revoke refused: ${result.error.code} ${result.error.message}`);
    const unknown = [...result.data.notFound, ...result.data.alreadyRevoked];
    if (unknown.length > 0) violation(`bulk revoke of live keys answered not found / already revoked: ${JSON.stringify(unknown)}`);
    chosen.forEach((key) => (key.revoked = 'yes'));
  }
  toString = () => `bulk revoke(mask ${this.mask})`;
}

class SetGate implements Command {
  constructor(readonly gate: World['gate']) {}
  check = () => true as const;
  async run(_m: Model, world: World) {
    world.setGate(this.gate);
  }
  toString = () => (this.gate.mode === 'flap' ? `server flapping(seed ${this.gate.seed})` : `server ${this.gate.mode}`);
}

class Restart implements Command {
  check = () => true as const;
  async run(_m: Model, world: World) {
    await world.restart();
  }
  toString = () => 'restart the app';
}

/** The process dies at the `points`-th write or send from now (whatever the next commands do). */
class CrashLater implements Command {
  constructor(readonly points: number) {}
  check = () => true as const;
  async run(_m: Model, world: World) {
    world.armCrash(this.points);
  }
  toString = () => `crash at the ${this.points}th await point from here`;
}

class List implements Command {
  check = () => true as const;
  async run(m: Model, world: World) {
    for (const key of live(m)) if ((await rowOf(world, key)) === null) return;
  }
  toString = () => 'list';
}

/** Time passes: probes and scheduled retries fire. */
class Wait implements Command {
  check = () => true as const;
  async run(_m: Model, world: World) {
    await (await world.alive()).clock.advance(60_000);
  }
  toString = () => 'wait a minute';
}

// Creates weigh more (listed three times): most other commands need keys to act on.
export const commandArbitraries = [
  createCommand,
  createCommand,
  createCommand,
  fc.nat(20).map((n) => new Revoke(n)),
  fc.nat(20).map((n) => new Revoke(n)),
  fc.nat(20).map((n) => new Rotate(n)),
  fc.tuple(fc.nat(20), fc.integer({ min: 24, max: 720 })).map(([n, hours]) => new ScheduleAt(n, hours)),
  fc.tuple(fc.nat(20), fc.constantFrom(HOUR_S, 24 * HOUR_S, 7 * 24 * HOUR_S)).map(([n, grace]) => new RotateRetire(n, grace)),
  fc.nat(20).map((n) => new CancelRetirement(n)),
  fc.integer({ min: 1, max: 255 }).map((mask) => new BulkRevoke(mask)),
  fc.constant(new SetGate({ mode: 'down' })),
  fc.constant(new SetGate({ mode: 'up' })),
  fc.nat().map((seed) => new SetGate({ mode: 'flap', seed })),
  fc.constant(new Restart()),
  fc.nat(12).map((n) => new CrashLater(n)),
  fc.constant(new List()),
  fc.constant(new Wait()),
];
