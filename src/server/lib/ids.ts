import { randomUUID } from 'node:crypto';

/** Server-side ids are random UUIDs: unguessable, so an id alone never grants anything. */
export function newId(): string {
  return randomUUID();
}
