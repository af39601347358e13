/** The outbox's stored shape: one entry schema per kind (kinds/*.ts), read back through this union. */
import { z } from 'zod';
import { BulkRevokeEntrySchema } from './kinds/bulk-revoke.js';
import { BulkSuspendEntrySchema } from './kinds/bulk-suspend.js';
import { CancelRetirementEntrySchema } from './kinds/cancel-retirement.js';
import { CreateEntrySchema } from './kinds/create.js';
import { ResumeEntrySchema } from './kinds/resume.js';
import { RevokeEntrySchema } from './kinds/revoke.js';
import { ScheduleRetirementEntrySchema } from './kinds/schedule-retirement.js';
import { SuspendEntrySchema } from './kinds/suspend.js';
import { SetAllowedAddressesEntrySchema } from './kinds/set-allowed-addresses.js';

export type { BulkRevokeEntry } from './kinds/bulk-revoke.js';
export type { BulkSuspendEntry } from './kinds/bulk-suspend.js';
export type { CancelRetirementEntry } from './kinds/cancel-retirement.js';
export type { CreateEntry } from './kinds/create.js';
export type { ResumeEntry } from './kinds/resume.js';
export type { RevokeEntry } from './kinds/revoke.js';
export type { SuspendEntry } from './kinds/suspend.js';
export type { RetirementPlan, ScheduleRetirementEntry } from './kinds/schedule-retirement.js';
export type { SetAllowedAddressesEntry } from './kinds/set-allowed-addresses.js';
export { RetirementPlanSchema } from './kinds/schedule-retirement.js';
export type { ProfileState } from '../store/profile-state.js';

export const OutboxEntrySchema = z.discriminatedUnion('kind', [
  CreateEntrySchema,
  RevokeEntrySchema,
  BulkRevokeEntrySchema,
  ScheduleRetirementEntrySchema,
  CancelRetirementEntrySchema,
  SuspendEntrySchema,
  ResumeEntrySchema,
  BulkSuspendEntrySchema,
  SetAllowedAddressesEntrySchema,
]);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;
export type OutboxKindName = OutboxEntry['kind'];
export type ContainmentEntry = EntryOf<'suspend'> | EntryOf<'resume'>;
export type RetirementEntry = EntryOf<'schedule-retirement'> | EntryOf<'cancel-retirement'>;
export type EntryOf<K extends OutboxKindName> = Extract<OutboxEntry, { kind: K }>;
