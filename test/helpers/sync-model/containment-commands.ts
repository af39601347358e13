/**
 * Suspend, resume and bulk suspend in the model-based sync test. The model keeps, per key, the last
 * acknowledged suspend or resume (`ModelKey.suspended`); the check (run-model.ts) asks that the server
 * ends on it — suspended keys refused with a 401, resumed ones working — whatever the network and the
 * process did in between (an interrupted call leaves it unknown until the next acknowledged one).
 */
import fc from 'fast-check';
import type { KeyRow } from '../../../src/shared/ipc/contract.js';
import { live, rowOf, violation, type Model } from './commands.js';
import type { World } from './world.js';

type Command = fc.AsyncCommand<Model, World, false>;

class Suspend implements Command {
  constructor(readonly pick: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const candidates = live(m);
    const key = candidates[this.pick % Math.max(1, candidates.length)];
    if (!key) return;
    const row = await rowOf(world, key);
    if (!row) return;
    const app = await world.alive();
    key.suspended = 'unknown';
    const result = await app.call('keys:suspend', { id: row.id, reason: `model ${m.tag}` });
    if (!result) return;
    if (!result.ok) violation(`suspend refused: ${result.error.code} ${result.error.message}`);
    key.suspended = 'yes';
  }
  toString = () => `suspend(${this.pick})`;
}

class Resume implements Command {
  constructor(readonly pick: number) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    // Most often a key that was suspended: that is when a resume does something.
    const suspended = live(m).filter((k) => k.suspended !== 'no');
    const candidates = suspended.length > 0 ? suspended : live(m);
    const key = candidates[this.pick % Math.max(1, candidates.length)];
    if (!key) return;
    const row = await rowOf(world, key);
    if (!row) return;
    const app = await world.alive();
    key.suspended = 'unknown';
    const result = await app.call('keys:resume', { id: row.id });
    if (!result) return;
    if (!result.ok) violation(`resume refused: ${result.error.code} ${result.error.message}`);
    key.suspended = 'no';
  }
  toString = () => `resume(${this.pick})`;
}

/** Incident response: several live keys suspended as one action (one request, or one queued entry). */
class BulkSuspend implements Command {
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
    chosen.forEach((key) => (key.suspended = 'unknown'));
    const result = await app.call('keys:bulk-suspend', { ids: rows.map((row) => row.id), reason: `model bulk ${m.tag}` });
    if (!result) return;
    if (!result.ok) violation(`bulk suspend refused: ${result.error.code} ${result.error.message}`);
    const wrong = [...result.data.notFound, ...result.data.notActive];
    if (wrong.length > 0) violation(`bulk suspend of live keys answered not found / not active: ${JSON.stringify(wrong)}`);
    chosen.forEach((key) => (key.suspended = 'yes'));
  }
  toString = () => `bulk suspend(mask ${this.mask})`;
}

export const containmentCommands = [
  fc.nat(20).map((n) => new Suspend(n)),
  fc.nat(20).map((n) => new Resume(n)),
  fc.integer({ min: 1, max: 255 }).map((mask) => new BulkSuspend(mask)),
];
