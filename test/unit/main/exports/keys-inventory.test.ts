/** One key → one inventory record: the facts named in the issue, the table's words in CSV, flags as main computed them. */
import { describe, expect, it } from 'vitest';
import { flagText } from '../../../../src/main/exports/export-flags.js';
import { exportFlagsOf } from '../../../../src/main/exports/export-flags.js';
import { KEYS_CSV_HEADER, keysCsvRow, keysExportRecord, KeysExportRecordSchema } from '../../../../src/main/exports/keys-inventory.js';
import { makeKey } from '../../../helpers/fake-bridge.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');

describe('inventory records', () => {
  it('carry exactly the inventory fields (no secret, no hash, no queue internals)', () => {
    const row = makeKey({ pending: { outboxId: 'o-1', action: 'revoke', state: 'queued', error: null, queuedAt: '2026-11-20T11:00:00.000Z', mayBeApplied: false } });
    const record = keysExportRecord(row, NOW, exportFlagsOf);
    expect(Object.keys(record).sort()).toEqual(['canImpersonate', 'createdAt', 'createdBy', 'expiresAt', 'flags', 'hint', 'id', 'lastUsedAt', 'name', 'permissions', 'status'].sort());
    expect(KeysExportRecordSchema.parse(record)).toEqual(record);
    expect(record.status).toBe('revocation-pending');
    expect(keysCsvRow(record)).toHaveLength(KEYS_CSV_HEADER.length);
  });

  it('in CSV: labels in the catalog order, Yes/No, "Never", UTC to the second, the status as the table says it', () => {
    const row = makeKey({
      capabilities: ['data-record:write', 'data-record:read'],
      canImpersonate: true,
      createdAt: '2026-10-01T09:30:00.123+02:00',
      lastUsedAt: null,
      expiresAt: '2026-11-19T00:00:00.000Z',
      createdBy: null,
    });
    const cells = Object.fromEntries(KEYS_CSV_HEADER.map((column, i) => [column, keysCsvRow(keysExportRecord(row, NOW, exportFlagsOf))[i]]));
    expect(cells).toMatchObject({
      Permissions: 'Read records; Write records',
      'Can impersonate': 'Yes',
      'Created by': '',
      'Created at (UTC)': '2026-10-01 07:30:00',
      'Last used (UTC)': 'Never',
      'Expires (UTC)': '2026-11-19 00:00:00',
      Status: 'Expired',
    });
  });

  it('flags: the row’s own (computed in main), each in words, joined with "; "', () => {
    const row = makeKey({
      flags: [
        { kind: 'expires-soon', days: 1 },
        { kind: 'unused-permissions', capabilities: ['data-record:delete'], impersonation: true },
      ],
    });
    const record = keysExportRecord(row, NOW, exportFlagsOf);
    expect(record.flags).toEqual(row.flags);
    expect(keysCsvRow(record)[KEYS_CSV_HEADER.indexOf('Flags')]).toBe('Expires in 1 day; Unused permissions: Delete records, impersonation');
    expect([{ kind: 'expired' }, { kind: 'expires-soon', days: 5 }, { kind: 'never-used' }, { kind: 'unused-90-days' }].map((flag) => flagText(flag as never))).toEqual([
      'Expired',
      'Expires in 5 days',
      'Never used',
      'Unused for 90 days',
    ]);
  });
});
