/**
 * The validator compiler of every route: the route's zod schema (fastify-type-provider-zod), behind
 * storableText (src/shared/storable-text.ts), so a NUL or a lone surrogate anywhere in a body, query,
 * path parameter or header is a 400 on that field before any handler runs, whichever route it is.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { storableText } from '../../shared/storable-text.js';

export const storableTextValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => validatorCompiler({ ...route, schema: storableText(route.schema) });
