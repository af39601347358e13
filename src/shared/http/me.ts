import { z } from 'zod';
import { CAPABILITY_GROUPS } from '../capabilities.js';
import { CapabilitySlugSchema } from './api-keys.js';
import { IdSchema, OrganizationSchema, PersonSchema, ProjectRefSchema, RoleSchema } from './common.js';

export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
  driver: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** `GET /api/me`: who is calling, what it may do, and the projects it can act on. */
export const MeResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    person: PersonSchema,
    organization: OrganizationSchema,
    capabilities: z.array(CapabilitySlugSchema),
    projects: z.array(ProjectRefSchema),
  }),
  z.object({
    kind: z.literal('apiKey'),
    apiKey: z.object({
      id: IdSchema,
      name: z.string(),
      capabilities: z.array(CapabilitySlugSchema),
      canImpersonate: z.boolean(),
    }),
    /** The person the key acts as (X-RakerOne-Act-As), or null when it acts as itself. */
    actingAs: PersonSchema.nullable(),
    organization: OrganizationSchema,
    /** Effective capabilities: the key's, intersected with the person's role when impersonating. */
    capabilities: z.array(CapabilitySlugSchema),
    projects: z.array(ProjectRefSchema),
  }),
]);
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const CapabilityDtoSchema = z.object({
  slug: CapabilitySlugSchema,
  label: z.string(),
  group: z.enum(CAPABILITY_GROUPS),
  meaning: z.string(),
  roles: z.array(RoleSchema),
});
export const CapabilitiesResponseSchema = z.object({ items: z.array(CapabilityDtoSchema) });
export type CapabilitiesResponse = z.infer<typeof CapabilitiesResponseSchema>;
