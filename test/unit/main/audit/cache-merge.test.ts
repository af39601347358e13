import { describe, expect, it } from 'vitest';
import { recordPage } from '../../../../src/main/audit/cache-merge.js';
import { AUDIT_CACHE_MAX, AuditCacheSchema, emptyAuditCache, type AuditCache } from '../../../../src/main/audit/cache-schema.js';
import { positionOf } from '../../../../src/main/audit/event-order.js';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';

const T0 = Date.parse('2026-11-20T12:00:00.000Z');

/** Event n happened n minutes before T0: higher n, older. */
function event(n: number, details: Record<string, unknown> | null = null): AuditEventDto {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurredAt: new Date(T0 - n * 60_000).toISOString(),
    action: 'api_key.created',
    actor: { type: 'person', id: 'person-1', name: 'Ada', viaKey: null },
    target: { type: 'apiKey', id: `key-${n}`, name: `Key ${n}` },
    details,
  };
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
const numbers = (cache: AuditCache) => cache.events.map((e) => Number(e.id.slice(-12)));
const FETCHED = '2026-11-20T12:00:00.000Z';

describe('recordPage: the cache stays one contiguous run of the newest events', () => {
  it('a first page that is the whole log is the whole cache, complete', () => {
    const cache = recordPage(emptyAuditCache(), { after: null, events: range(1, 3), hasMore: false, fetchedAt: FETCHED });
    expect(numbers(cache)).toEqual([1, 2, 3]);
    expect(cache).toMatchObject({ complete: true, fetchedAt: FETCHED });
  });

  it('a next page that continues where the kept events end is appended; the last one makes it complete', () => {
    let cache = recordPage(emptyAuditCache(), { after: null, events: range(1, 3), hasMore: true, fetchedAt: FETCHED });
    expect(cache.complete).toBe(false);
    cache = recordPage(cache, { after: positionOf(event(3)), events: range(4, 5), hasMore: false, fetchedAt: '2026-11-20T12:05:00.000Z' });
    expect(numbers(cache)).toEqual([1, 2, 3, 4, 5]);
    expect(cache.complete).toBe(true);
    // The head was fetched at FETCHED: the time says how fresh the newest events are.
    expect(cache.fetchedAt).toBe(FETCHED);
  });

  it('a page that does not continue the kept events (a gap, or a stale scroll) is not kept', () => {
    const cache = recordPage(emptyAuditCache(), { after: null, events: range(1, 3), hasMore: true, fetchedAt: FETCHED });
    expect(recordPage(cache, { after: positionOf(event(10)), events: range(11, 12), hasMore: true, fetchedAt: FETCHED })).toBe(cache);
  });

  it('a new first page that reaches back into the kept events keeps the older ones after it', () => {
    const old = recordPage(emptyAuditCache(), { after: null, events: range(5, 9), hasMore: false, fetchedAt: FETCHED });
    const cache = recordPage(old, { after: null, events: range(1, 6), hasMore: true, fetchedAt: '2026-11-20T13:00:00.000Z' });
    expect(numbers(cache)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(cache).toMatchObject({ complete: true, fetchedAt: '2026-11-20T13:00:00.000Z' });
  });

  it('a new first page with more new events than a page starts over (no gap hidden offline)', () => {
    const old = recordPage(emptyAuditCache(), { after: null, events: range(50, 60), hasMore: false, fetchedAt: FETCHED });
    const cache = recordPage(old, { after: null, events: range(1, 10), hasMore: true, fetchedAt: FETCHED });
    expect(numbers(cache)).toEqual(range(1, 10).map((_, i) => i + 1));
    expect(cache.complete).toBe(false);
  });

  it(`keeps at most ${AUDIT_CACHE_MAX} events, the newest, and then no longer claims the whole log`, () => {
    let cache = recordPage(emptyAuditCache(), { after: null, events: range(1, AUDIT_CACHE_MAX), hasMore: true, fetchedAt: FETCHED });
    cache = recordPage(cache, {
      after: positionOf(event(AUDIT_CACHE_MAX)),
      events: range(AUDIT_CACHE_MAX + 1, AUDIT_CACHE_MAX + 10),
      hasMore: false,
      fetchedAt: FETCHED,
    });
    expect(cache.events).toHaveLength(AUDIT_CACHE_MAX);
    expect(numbers(cache)[0]).toBe(1);
    expect(cache.complete).toBe(false);
    expect(AuditCacheSchema.safeParse(cache).success).toBe(true);
  });

  it('never keeps anything shaped like a key or an admin token in the details', () => {
    const leaked = `rkr_key_${'A'.repeat(32)}abcdef`;
    const cache = recordPage(emptyAuditCache(), {
      after: null,
      events: [event(1, { note: `pasted ${leaked} here`, nested: [{ token: `rkr_adm_${'b'.repeat(38)}` }], hint: 'rkr_key_…Ab3x' })],
      hasMore: false,
      fetchedAt: FETCHED,
    });
    const text = JSON.stringify(cache);
    expect(text).not.toContain(leaked);
    expect(text).not.toMatch(/rkr_adm_b/);
    expect(cache.events[0]!.details).toEqual({ note: 'pasted [secret removed] here', nested: [{ token: '[secret removed]' }], hint: 'rkr_key_…Ab3x' });
  });

  it('the stored form is re-validated: out of order or duplicated events are refused', () => {
    expect(AuditCacheSchema.safeParse({ events: [event(2), event(1)], fetchedAt: FETCHED, complete: false }).success).toBe(false);
    expect(AuditCacheSchema.safeParse({ events: [event(1), event(1)], fetchedAt: FETCHED, complete: false }).success).toBe(false);
    expect(AuditCacheSchema.safeParse({ events: [event(1), event(2)], fetchedAt: FETCHED, complete: false }).success).toBe(true);
  });
});
