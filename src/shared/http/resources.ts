/** The small slice of RakerOne that API keys act on: playbook runs and records in a project. */
import { z } from 'zod';
import { ActorSchema, IdSchema, IsoDateSchema, PageQuerySchema, pageOf } from './common.js';

export const ProjectParamsSchema = z.object({ projectId: IdSchema });
export const RecordParamsSchema = z.object({ projectId: IdSchema, id: IdSchema });

const JsonObjectSchema = z.record(z.string().max(100), z.unknown());

export const StartPlaybookRunBodySchema = z
  .object({
    playbookId: z.string().trim().min(1, 'playbookId is required').max(100),
    startData: JsonObjectSchema.optional(),
  })
  .strict();
export type StartPlaybookRunBody = z.infer<typeof StartPlaybookRunBodySchema>;

export const PlaybookRunDtoSchema = z.object({
  id: IdSchema,
  projectId: IdSchema,
  playbookId: z.string(),
  startData: JsonObjectSchema.nullable(),
  startedBy: ActorSchema,
  createdAt: IsoDateSchema,
});
export type PlaybookRunDto = z.infer<typeof PlaybookRunDtoSchema>;

export const CreateRecordBodySchema = z.object({ fields: JsonObjectSchema }).strict();
export type CreateRecordBody = z.infer<typeof CreateRecordBodySchema>;

export const RecordDtoSchema = z.object({
  id: IdSchema,
  projectId: IdSchema,
  fields: JsonObjectSchema,
  createdBy: ActorSchema,
  createdAt: IsoDateSchema,
});
export type RecordDto = z.infer<typeof RecordDtoSchema>;

// Responses of the resource routes (added with the server; additive, nothing above changed).
export const PlaybookRunResponseSchema = z.object({ playbookRun: PlaybookRunDtoSchema });
export type PlaybookRunResponse = z.infer<typeof PlaybookRunResponseSchema>;

export const RecordResponseSchema = z.object({ record: RecordDtoSchema });
export type RecordResponse = z.infer<typeof RecordResponseSchema>;

export const ListRecordsQuerySchema = PageQuerySchema;
export type ListRecordsQuery = z.infer<typeof ListRecordsQuerySchema>;

export const ListRecordsResponseSchema = pageOf(RecordDtoSchema);
export type ListRecordsResponse = z.infer<typeof ListRecordsResponseSchema>;
