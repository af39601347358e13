/** One key → one inventory record: the facts named in the issue, the table's words in CSV, flags as main computed them. */
import { describe, expect, it } from 'vitest';
import { exportFlagsOf } from '../../../../src/main/exports/export-flags.js';
import { KEYS_CSV_HEADER, keysCsvRow, keysExportRecord, KeysExportRecordSchema } from '../../../../src/main/exports/keys-inventory.js';
import { flagDetail } from '../../../../src/shared/wording/key-flags.js';
import { makeKey } from '../../../helpers/fake-bridge.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');

describe('inventory records', () => {
  it('carry exactly the inventory fields (no secret, no hash, no queue internals)', () => {
    const row = makeKey({
      pending: { outboxId: 'o-1', action: 'revoke', state: 'queued', error: null, queuedAt: '2026-11-20T11:00:00.000Z', mayBeApplied: false },
    });
    const record = keysExportRecord(row, NOW, exportFlagsOf);
    expect(Object.keys(record).sort()).toEqual(
      ['canImpersonate', 'createdAt', 'createdBy', 'expiresAt', 'flags', 'hint', 'id', 'lastUsedAt', 'name', 'permissions', 'status', 'suspension'].sort(),
    );
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

  it('flags: the row’s own (computed in main), each in the table’s words, joined with "; "', () => {
    const row = makeKey({
      flags: [
        { kind: 'refused-requests', count: 2 },
        { kind: 'expires-soon', days: 1 },
        { kind: 'unused-permissions', capabilities: ['data-record:delete', 'data-record:read'], impersonation: true },
        { kind: 'never-used' },
      ],
    });
    const record = keysExportRecord(row, NOW, exportFlagsOf);
    expect(record.flags).toEqual(row.flags);
    expect(keysCsvRow(record)[KEYS_CSV_HEADER.indexOf('Flags')]).toBe(
      'Refused requests: 2 in 7 days; Expires in 1 day; Unused permissions: Read records, Delete records, Can impersonate users; Never used',
    );
    expect(keysCsvRow(record)[KEYS_CSV_HEADER.indexOf('Flags')]).toBe(row.flags.map(flagDetail).join('; '));
  });
});
