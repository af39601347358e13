import { randomBytes } from 'node:crypto';
import { systemClock } from './clock.js';

let lastMs = 0;
let sequence = 0;

/**
 * Server-side ids: UUIDv7 (RFC 9562) — 48 bits of milliseconds, then a 12-bit sequence, then 62
 * random bits. Time-ordered, so "newest first" by (created_at, id) is creation order even within one
 * millisecond, and indexes stay append-mostly; the 62 random bits keep ids unguessable (an id alone
 * never grants anything anyway). Within one process ids are strictly increasing.
 */
export function newId(): string {
  // The id's time is the system's, whatever clock a test gives the services: ids only order rows.
  let ms = systemClock.now();
  if (ms <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than lose the order.
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    // Start low in the range, randomly, so the sequence rarely overflows.
    sequence = randomBytes(1)[0]! & 0x7f;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
