/**
 * The model-based test's allowed-address commands: an admin sets (or clears) a live key's allowed
 * addresses while the world does its worst (server down or flapping, restarts, crashes). Invariant,
 * checked once the queue has drained: the server holds, for each key still working, the last list
 * whose call was acknowledged — unless a later call's outcome is unknown (the app died during it) —
 * and the app's row shows the server's list.
 *
 * Every list lets in 127.0.0.1 and ::1, so the model's own check that each key still works with its
 * secret (run-model.ts) is not refused by the list it is testing.
 */
import fc from 'fast-check';
import type { ApiKeyDto } from '../../../src/shared/http/index.js';
import type { KeyRow } from '../../../src/shared/ipc/contract.js';
import type { Model, ModelKey } from './commands.js';
import type { World } from './world.js';

const LISTS: readonly (string[] | null)[] = [
  null,
  ['127.0.0.0/8', '::1/128'],
  ['127.0.0.1/32', '::1/128', '10.0.0.0/8'],
  ['2001:db8::/32', '127.0.0.0/8', '::1/128', '192.0.2.7/32'],
];

/** Per model: each key's expected list by name ('unknown' after a call the crash interrupted). Absent: null (as created). */
const expectedLists = new WeakMap<Model, Map<string, string[] | null | 'unknown'>>();

function expectedOf(model: Model): Map<string, string[] | null | 'unknown'> {
  let map = expectedLists.get(model);
  if (!map) expectedLists.set(model, (map = new Map()));
  return map;
}

const text = (list: readonly string[] | null) => (list === null ? 'any address' : [...list].sort().join(' '));

class SetAllowedAddresses implements fc.AsyncCommand<Model, World, false> {
  constructor(
    readonly pick: number,
    readonly choice: number,
  ) {}
  check = () => true as const;
  async run(m: Model, world: World) {
    const live = m.keys.filter((k) => k.created === 'yes' && k.revoked === 'no');
    const key = live[this.pick % Math.max(1, live.length)];
    if (!key) return;
    const app = await world.alive();
    const list = await app.call('keys:list', {});
    if (!list) return;
    if (!list.ok) throw new Error(`violation: keys:list failed: ${list.error.code} ${list.error.message}`);
    // A suspended key is still listed (and its list can still be changed): suspend runs in the same histories.
    const row = list.data.keys.find((r) => r.name === key.name && (r.status === 'active' || r.status === 'suspended'));
    if (!row) throw new Error(`violation: acknowledged key "${key.name}" is missing from the list`);
    const allowedAddresses = LISTS[this.choice % LISTS.length]!;
    const expected = expectedOf(m);
    expected.set(key.name, 'unknown');
    const result = await app.call('keys:set-allowed-addresses', { id: row.id, allowedAddresses: allowedAddresses === null ? null : [...allowedAddresses] });
    if (!result) return;
    if (!result.ok) throw new Error(`violation: set allowed addresses refused: ${result.error.code} ${result.error.message}`);
    expected.set(key.name, allowedAddresses);
  }
  toString = () => `set allowed addresses(${this.pick}) to ${text(LISTS[this.choice % LISTS.length]!)}`;
}

export const allowedAddressesCommands = [fc.tuple(fc.nat(20), fc.nat(LISTS.length - 1)).map(([pick, choice]) => new SetAllowedAddresses(pick, choice))];

/** After the drain: the server ends on each working key's last acknowledged list, and the app's row agrees with the server. */
export function checkAllowedAddresses(model: Model, server: readonly ApiKeyDto[], appRows: readonly KeyRow[], fail: (message: string) => never): void {
  const expected = expectedOf(model);
  for (const key of model.keys as ModelKey[]) {
    const onServer = server.find((k) => k.name === key.name);
    if (!onServer) continue;
    const row = appRows.find((r) => r.id === onServer.id);
    if (row && text(row.allowedAddresses) !== text(onServer.allowedAddresses))
      fail(`"${key.name}": the app shows ${text(row.allowedAddresses)}, the server holds ${text(onServer.allowedAddresses)}`);
    const wanted = expected.get(key.name) ?? null;
    if (key.revoked !== 'no' || wanted === 'unknown') continue;
    if (text(onServer.allowedAddresses) !== text(wanted))
      fail(`"${key.name}" allows ${text(onServer.allowedAddresses)} on the server, asked for ${text(wanted)}`);
  }
}
