import { describe, expect, it } from 'vitest';
import { rotatedNameOf } from '../../../../src/main/keys/keys-service.js';

describe('keys service rules', () => {
  it('rotated names: suffix once, within 100 characters', () => {
    expect(rotatedNameOf('Importer')).toBe('Importer (rotated)');
    expect(rotatedNameOf('x'.repeat(100))).toHaveLength(100);
  });
});
