import { describe, expect, it } from 'vitest';
import { ApiKeyDtoSchema } from '../../../src/shared/http/keys';
import { KeyRowSchema } from '../../../src/shared/ipc/keys';
import { apiKeyDto, keyRow } from '../../helpers/api-key-dto';

describe('the API-key factories of the tests', () => {
  it('apiKeyDto is a complete ApiKeyDto: the schema reads it back unchanged (no field left to a default)', () => {
    const dto = apiKeyDto();
    expect(Object.keys(dto).sort()).toEqual(Object.keys(ApiKeyDtoSchema.shape).sort());
    expect(ApiKeyDtoSchema.strict().parse(dto)).toEqual(dto);
    expect(dto).toMatchObject({ suspension: null, allowedAddresses: null, scheduledRevocation: null, expiresAt: null });
  });

  it('keyRow is a complete KeyRow', () => {
    const row = keyRow({ name: 'Nightly sync', status: 'revoked', revokedAt: '2026-11-01T00:00:00.000Z' });
    expect(Object.keys(row).sort()).toEqual(Object.keys(KeyRowSchema.shape).sort());
    expect(KeyRowSchema.strict().parse(row)).toEqual(row);
    expect(row).toMatchObject({ name: 'Nightly sync', status: 'revoked', pending: null, flags: [] });
  });

  it('gives every key its own id, and keeps the id a test chooses', () => {
    expect(apiKeyDto().id).not.toBe(apiKeyDto().id);
    const id = '01900000-0000-7000-8000-000000000001';
    expect(apiKeyDto({ id }).id).toBe(id);
  });
});
