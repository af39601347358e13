/**
 * Holding a server to its OpenAPI 3.1 document, as a generated client would: each response's
 * status must be documented for its operation, its content type among the documented ones, its body
 * valid against the documented schema (Ajv, JSON Schema 2020-12 with formats), its required headers
 * present and every documented header it carries valid. Mismatches are collected, not thrown, so one
 * run names them all.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

export interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: unknown }>; headers?: Record<string, { required?: boolean; schema?: unknown }> }
  >;
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Every operation of the document, with its method and path; an operation without an id is named by them. */
export function operationsOf(doc: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ operationId: operation.operationId ?? `${method.toUpperCase()} ${path}`, method, path, operation })),
  );
}

/** A JSON pointer segment (RFC 6901). */
function pointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export function createConformanceChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (path: string): ValidateFunction => {
    let validate = compiled.get(path);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json#${path}` });
      compiled.set(path, validate);
    }
    return validate;
  };

  const mismatches: string[] = [];
  let validated = 0;

  /** Checks one response of one operation; returns its mismatches (also collected). */
  function check(op: DocumentedOperation, response: ObservedResponse, label: string): string[] {
    const found: string[] = [];
    const status = String(response.statusCode);
    const documented = op.operation.responses[status] ?? op.operation.responses.default;
    const base = `/paths/${pointer(op.path)}/${op.method}/responses/${pointer(op.operation.responses[status] ? status : 'default')}`;
    if (!documented) {
      found.push(`${label}: status ${status} is not documented (documented: ${Object.keys(op.operation.responses).join(', ')})`);
    } else {
      const contentType = String(response.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (!documented.content) {
        if (response.body.length > 0) found.push(`${label}: ${status} is documented without a body, got ${response.body.length} bytes (${contentType})`);
      } else if (!(contentType in documented.content)) {
        found.push(`${label}: ${status} content type "${contentType}" is not documented (${Object.keys(documented.content).join(', ')})`);
      } else {
        let body: unknown;
        try {
          body = JSON.parse(response.body);
        } catch {
          found.push(`${label}: ${status} body is not JSON`);
        }
        if (body !== undefined) {
          const validate = validatorAt(`${base}/content/${pointer(contentType)}/schema`);
          if (!validate(body)) found.push(`${label}: ${status} body does not match: ${ajv.errorsText(validate.errors)}`);
        }
      }
      for (const [name, header] of Object.entries(documented.headers ?? {})) {
        const value = response.headers[name.toLowerCase()];
        if (value === undefined) {
          if (header.required) found.push(`${label}: ${status} lacks the required header ${name}`);
          continue;
        }
        if (header.schema !== undefined && !validatorAt(`${base}/headers/${pointer(name)}/schema`)(String(value))) {
          found.push(`${label}: ${status} header ${name}: "${String(value)}" does not match its schema`);
        }
      }
    }
    validated += 1;
    mismatches.push(...found);
    return found;
  }

  return {
    check,
    /** A validator for the request body an operation documents (JSON). */
    requestBody: (op: DocumentedOperation) => validatorAt(`/paths/${pointer(op.path)}/${op.method}/requestBody/content/application~1json/schema`),
    errorsText: (validate: ValidateFunction) => ajv.errorsText(validate.errors),
    mismatches: () => [...mismatches],
    validated: () => validated,
  };
}

/**
 * The routes Fastify has registered, from `printRoutes({ commonPrefix: false })` (a tree: each line a
 * path segment, indented four characters per level, with its methods in parentheses).
 */
export function registeredRoutes(printed: string): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || match[2] === undefined) continue;
    // "├── " is the first level, "│   ├── " the second, …
    stack.length = Math.max(0, match[1]!.length / 4 - 1);
    stack.push(match[2]);
    const url = stack.join('');
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean))
      routes.push({ method, url });
  }
  return routes;
}

/** `/api/projects/:projectId/records` → `/api/projects/{projectId}/records` (OpenAPI's form). */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
