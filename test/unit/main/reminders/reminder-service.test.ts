/** The reminders inside the real core (fake server, memory files, a fake clock): shown, clicked, remembered. */
import { describe, expect, it } from 'vitest';
import { REMINDER_CHECK_MS } from '../../../../src/main/reminders/reminder-service.js';
import type { ApiKeyDto } from '../../../../src/shared/http/index.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { createFakeServer, type FakeServer } from '../../../helpers/fake-server.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';
import { createMemorySecretStore } from '../../../../src/main/secrets/secret-store.js';
import { createRecordingNotifications } from '../../../helpers/recording-notifications.js';
import { makeCore } from '../../../helpers/test-core.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function serverKey(server: FakeServer, now: number, overrides: Partial<ApiKeyDto>): ApiKeyDto {
  const key = apiKeyDto({ name: 'Nightly sync', hint: 'rkr_key_…AbCd', createdAt: new Date(now - 30 * DAY).toISOString(), ...overrides });
  server.keys.push(key);
  return key;
}

async function setUp(options: { files?: ReturnType<typeof createMemoryFiles>; server?: FakeServer; start?: number } = {}) {
  // Local noon, so hours either way stay on the same local day in any time zone.
  const start = options.start ?? new Date(2026, 10, 27, 12, 0, 0).getTime();
  const clock = createFakeClock(start);
  const notifications = createRecordingNotifications();
  let focused = 0;
  const secrets = createMemorySecretStore();
  const t = await makeCore({ server: options.server, files: options.files, secrets, deps: { clock, notifications, focusWindow: () => void (focused += 1) } });
  return { ...t, clock, notifications, focused: () => focused, start };
}

describe('key reminders', () => {
  it('a key expiring in 3 days: one notification; its click focuses the window and opens that key', async () => {
    const server = createFakeServer();
    const start = new Date(2026, 10, 27, 12, 0, 0).getTime();
    const expiring = serverKey(server, start, { name: 'Billing export', expiresAt: new Date(start + 3 * DAY).toISOString() });
    serverKey(server, start, { name: 'Lives on' });
    const t = await setUp({ server, start });
    await t.connect();
    await t.clock.advance(0);
    await expect.poll(() => t.notifications.shown.length).toBe(1);
    expect(t.notifications.shown[0]).toEqual({ title: 'API key expires in 3 days', body: expect.stringContaining('“Billing export” stops working on') });

    t.notifications.click(0);
    expect(t.focused()).toBe(1);
    expect(t.events.filter((e) => e.event === 'key:open')).toEqual([{ event: 'key:open', payload: { keyId: expiring.id } }]);
    await t.core.dispose();
  });

  it('once per key per day: later checks the same day, and a restart the same day, show nothing; the next day shows it again', async () => {
    const server = createFakeServer();
    const files = createMemoryFiles();
    const start = new Date(2026, 10, 27, 12, 0, 0).getTime();
    serverKey(server, start, { expiresAt: new Date(start + 3 * DAY).toISOString() });
    const first = await setUp({ server, files, start });
    await first.connect();
    await expect.poll(() => first.notifications.shown.length).toBe(1);
    await first.clock.advance(2 * REMINDER_CHECK_MS); // two periodic checks, same day
    await first.call('sync:now', {});
    expect(first.notifications.shown).toHaveLength(1);
    await first.core.dispose();

    // A restart on the same day (same data folder): the memory file says it was shown today.
    const again = await setUp({ server, files, start: start + 2 * HOUR });
    await again.connect();
    await again.clock.advance(REMINDER_CHECK_MS);
    expect(again.notifications.shown).toHaveLength(0);
    // The next day, still ending soon: reminded again.
    await again.clock.advance(DAY);
    await expect.poll(() => again.notifications.shown.length).toBe(1);
    expect(again.notifications.shown[0]!.title).toBe('API key expires in 2 days');
    // Nothing but ids and days is kept.
    const stored = [...files.data.entries()].find(([path]) => path.endsWith('reminders.json'))![1];
    expect(stored).not.toContain('Nightly sync');
    await again.core.dispose();
  });

  it('an unreadable memory file is kept aside and the reminders start afresh (no crash, no silent loss)', async () => {
    const server = createFakeServer();
    const files = createMemoryFiles(new Map([['/data/reminders.json', '{"version":1,"data":{"profiles":{"p":{"k":"yesterday"}}}}']]));
    const start = new Date(2026, 10, 27, 12, 0, 0).getTime();
    serverKey(server, start, { expiresAt: new Date(start + 3 * DAY).toISOString() });
    const t = await setUp({ server, files, start });
    await t.connect();
    await expect.poll(() => t.notifications.shown.length).toBe(1);
    expect([...files.data.keys()].some((path) => path.startsWith('/data/reminders.json.unreadable-'))).toBe(true);
    await t.core.dispose();
  });

  it('nothing is shown for keys that end later, or when signed out', async () => {
    const server = createFakeServer();
    const start = new Date(2026, 10, 27, 12, 0, 0).getTime();
    serverKey(server, start, { expiresAt: new Date(start + 8 * DAY).toISOString() });
    const t = await setUp({ server, start });
    await t.clock.advance(REMINDER_CHECK_MS); // not signed in yet
    await t.connect();
    await t.clock.advance(REMINDER_CHECK_MS);
    expect(t.notifications.shown).toEqual([]);
    // A day later it is within 7 days.
    await t.clock.advance(DAY);
    await expect.poll(() => t.notifications.shown.length).toBe(1);
    await t.core.dispose();
  });
});
