/**
 * What the reminders remember across restarts: per profile, the local day each key was last notified
 * (userData/reminders.json). Only key ids and days — never a name, a hint or a secret. Re-validated
 * when read: a file that does not parse is kept aside and the app starts from nothing (at worst, one
 * reminder is shown again today).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { FileStore, Logger } from '../ports.js';
import { versionedJson } from '../store/versioned-json.js';
import type { NotifiedDays } from './reminder-decision.js';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const IdSchema = z.string().min(1).max(100);

const ReminderMemorySchema = z.object({
  profiles: z.record(IdSchema, z.record(IdSchema, DaySchema)),
});
type ReminderMemoryData = z.infer<typeof ReminderMemorySchema>;

export interface ReminderMemory {
  notified(profileId: string): Promise<NotifiedDays>;
  remember(profileId: string, notified: NotifiedDays): Promise<void>;
}

export function createReminderMemory(options: { dir: string; files: FileStore; logger: Logger; now: () => number }): ReminderMemory {
  const doc = versionedJson({
    files: options.files,
    path: join(options.dir, 'reminders.json'),
    version: 1,
    schema: ReminderMemorySchema,
    empty: (): ReminderMemoryData => ({ profiles: {} }),
    logger: options.logger,
    now: options.now,
  });
  return {
    async notified(profileId) {
      return (await doc.read()).profiles[profileId] ?? {};
    },
    async remember(profileId, notified) {
      const data = await doc.read();
      await doc.write({ profiles: { ...data.profiles, [profileId]: { ...notified } } });
    },
  };
}
