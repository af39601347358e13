/** Every audit action has a label and a sentence, and no two actions share a label (the Action filter tells them apart). */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../src/shared/http/index.js';
import { ACTION_LABEL, ACTION_TEXT } from '../../../../src/shared/wording/audit-actions.js';

describe('audit action wording', () => {
  it('words every action, each label once', () => {
    expect(Object.keys(ACTION_LABEL).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(Object.keys(ACTION_TEXT).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(new Set(Object.values(ACTION_LABEL)).size).toBe(AUDIT_ACTIONS.length);
    expect(ACTION_LABEL['api_key.created']).toBe('Key created');
    expect(ACTION_TEXT['api_key.revoked']).toBe('Revoked the key');
  });
});
