/** One key → one inventory record: the facts named in the issue, the table's words in CSV, flags as main computed them. */
import { describe, expect, it } from 'vitest';
import { exportFlagsOf } from '../../../../src/main/exports/export-flags.js';
import { csvCell } from '../../../../src/main/exports/csv.js';
import { FROM_ANY_ADDRESS, KEYS_CSV_HEADER, keysCsvRow, keysExportRecord, KeysExportRecordSchema } from '../../../../src/main/exports/keys-inventory.js';
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
      [
        'allowedAddresses',
        'canImpersonate',
        'createdAt',
        'createdBy',
        'expiresAt',
        'flags',
        'hint',
        'id',
        'lastUsedAt',
        'name',
        'permissions',
        'status',
        'suspension',
      ].sort(),
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

  const SUSPENSION = { at: '2026-11-18T10:15:00.000Z', by: { id: 'u-1', name: 'Ada Admin' }, reason: 'Leaked in a ticket' };
  const suspensionCells = (row: ReturnType<typeof makeKey>) => {
    const cells = keysCsvRow(keysExportRecord(row, NOW, exportFlagsOf));
    return (['Suspended at (UTC)', 'Suspended by', 'Suspension reason'] as const).map((column) => cells[KEYS_CSV_HEADER.indexOf(column)]);
  };

  it('suspension: written while the server lists the key as suspended, a queued resume included', () => {
    const suspended = makeKey({ status: 'suspended', suspension: SUSPENSION });
    expect(keysExportRecord(suspended, NOW, exportFlagsOf)).toMatchObject({ status: 'suspended', suspension: SUSPENSION });
    expect(suspensionCells(suspended)).toEqual(['2026-11-18 10:15:00', 'Ada Admin', 'Leaked in a ticket']);

    const resuming = makeKey({
      status: 'suspended',
      suspension: { ...SUSPENSION, by: null },
      pending: { outboxId: 'o-2', action: 'resume', state: 'queued', error: null, queuedAt: '2026-11-20T11:00:00.000Z', mayBeApplied: false },
    });
    expect(keysExportRecord(resuming, NOW, exportFlagsOf).status).toBe('resume-pending');
    expect(suspensionCells(resuming)).toEqual(['2026-11-18 10:15:00', 'a removed admin', 'Leaked in a ticket']);
  });

  it('suspension: empty once the key is revoked, expired or active again, though the server keeps its record', () => {
    for (const overrides of [
      { status: 'revoked' as const },
      { status: 'expired' as const, expiresAt: '2026-11-19T00:00:00.000Z' },
      { status: 'active' as const },
    ]) {
      const row = makeKey({ ...overrides, suspension: SUSPENSION });
      const record = keysExportRecord(row, NOW, exportFlagsOf);
      expect(record.status).toBe(overrides.status);
      expect(record.suspension).toBeNull();
      expect(suspensionCells(row)).toEqual(['', '', '']);
    }
  });

  it('allowed addresses: the blocks joined with "; " (quoted, never formula-guarded), or "From any address"; JSON keeps the list or null', () => {
    const limited = keysExportRecord(makeKey({ allowedAddresses: ['203.0.113.7/32', '2001:db8::/32'] }), NOW, exportFlagsOf);
    expect(limited.allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32']);
    const cell = keysCsvRow(limited)[KEYS_CSV_HEADER.indexOf('Allowed addresses')]!;
    expect(cell).toBe('203.0.113.7/32; 2001:db8::/32');
    expect(csvCell(cell)).toBe('"203.0.113.7/32; 2001:db8::/32"');

    const anywhere = keysExportRecord(makeKey({ allowedAddresses: null }), NOW, exportFlagsOf);
    expect(anywhere.allowedAddresses).toBeNull();
    expect(keysCsvRow(anywhere)[KEYS_CSV_HEADER.indexOf('Allowed addresses')]).toBe(FROM_ANY_ADDRESS);
    expect(FROM_ANY_ADDRESS).toBe('From any address');
  });
});
