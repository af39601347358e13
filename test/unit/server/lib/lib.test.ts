import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, databaseConfigFrom } from '../../../../src/server/config/data-dir.js';
import { decodeCursor, encodeCursor, pageFrom } from '../../../../src/server/lib/cursor.js';
import { fingerprintOf } from '../../../../src/server/lib/idempotency.js';
import { newId } from '../../../../src/server/lib/ids.js';
import { IdSchema } from '../../../../src/shared/http/common.js';

describe('ids', () => {
  it('are valid, unique UUIDv7s in strictly increasing order', () => {
    const ids = Array.from({ length: 5000 }, newId);
    for (const id of ids.slice(0, 50)) expect(IdSchema.safeParse(id).success).toBe(true);
    expect(ids[0]![14]).toBe('7');
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('cursors', () => {
  it('round-trip any position we produce (an ISO timestamp and a UUID)', () => {
    const at = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(at, fc.uuid(), (at, id) => {
        expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
      }),
    );
  });

  it('reject a time in any form but the stored one (the database compares it with stored instants as text)', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const at of ['2026-03-01T12:00:00+01:00', '2026-03-01T12:00:00Z', '2026-03-01t12:00:00.000z', '+010000-01-01T00:00:00.000Z']) {
      expect(() => decodeCursor(encodeCursor({ at, id })), at).toThrow(/cursor/);
    }
  });

  it('reject anything else as a 400 on the cursor field', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (junk) => {
        try {
          const decoded = decodeCursor(junk);
          // Some junk decodes to a well-formed pair by chance; that is harmless (a position like any other).
          expect(decoded).toEqual({ at: expect.any(String), id: expect.any(String) });
        } catch (error) {
          expect(error).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'cursor' }] } });
        }
      }),
    );
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('cut limit + 1 rows into a page and the next cursor', () => {
    const rows = [1, 2, 3].map((n) => ({ at: `t${n}`, id: `i${n}` }));
    expect(
      pageFrom(
        rows,
        2,
        (r) => r.id,
        (r) => r,
      ),
    ).toEqual({ items: ['i1', 'i2'], nextCursor: encodeCursor({ at: 't2', id: 'i2' }) });
    expect(
      pageFrom(
        rows,
        3,
        (r) => r.id,
        (r) => r,
      ),
    ).toEqual({ items: ['i1', 'i2', 'i3'], nextCursor: null });
  });
});

describe('idempotency fingerprints', () => {
  it('ignore key order and undefined fields, and see every value change', () => {
    expect(fingerprintOf({ a: 1, b: [1, { c: 2, d: undefined }] })).toBe(fingerprintOf({ b: [1, { c: 2 }], a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
  });
});

describe('storage configuration', () => {
  it('uses DATABASE_URL when set, else SQLite under the data folder', () => {
    expect(databaseConfigFrom({}, { DATABASE_URL: 'postgres://u@h/db' })).toEqual({ driver: 'postgres', url: 'postgres://u@h/db' });
    expect(databaseConfigFrom({ dataDir: '/srv/r1' }, {})).toEqual({ driver: 'sqlite', filename: '/srv/r1/rakerone.sqlite' });
    expect(() => databaseConfigFrom({}, { DATABASE_URL: 'mysql://x' })).toThrow();
  });

  it('defaults the data folder per platform', () => {
    expect(defaultDataDir({ RAKERONE_DATA_DIR: '/d' }, 'linux')).toBe('/d');
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/rakerone-server');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/rakerone-server$/);
  });
});
