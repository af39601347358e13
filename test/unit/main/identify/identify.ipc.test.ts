import { describe, expect, it } from 'vitest';
import { createRedactingLogger } from '../../../../src/main/logger.js';
import { IDENTIFY_TEXT_MAX_CHARS, IDENTIFY_TEXT_TOO_LONG } from '../../../../src/shared/ipc/identify.js';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { makeCore } from '../../../helpers/test-core.js';

describe('keys:identify over IPC', () => {
  it('refuses text over 5 MB with a clear message, before any scan, and logs none of it', async () => {
    const lines: string[] = [];
    const t = await makeCore({ deps: { logger: createRedactingLogger((_level, line) => lines.push(line)) } });
    await t.connect();
    const secret = generateSecret('apiKey');
    const text = `${secret}\n${'x'.repeat(IDENTIFY_TEXT_MAX_CHARS)}`;
    const result = await t.raw('keys:identify', { text });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'text', message: IDENTIFY_TEXT_TOO_LONG }] } } });
    expect(JSON.stringify(result)).not.toContain(secret.slice(8));
    expect(lines.join('\n')).not.toContain(secret.slice(8));
  });

  it('refuses empty text and anything that is not text', async () => {
    const t = await makeCore();
    await t.connect();
    expect(await t.raw('keys:identify', { text: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('keys:identify', { text: 42 } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('keys:identify', { text: 'x', extra: true } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('signed out: the scan asks to connect first', async () => {
    const t = await makeCore();
    expect(await t.raw('keys:identify', { text: generateSecret('apiKey') })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('keys:identify-file without a dialog port answers with an error, never a crash', async () => {
    const t = await makeCore();
    await t.connect();
    expect(await t.raw('keys:identify-file', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('Paste the text instead') },
    });
  });
});
