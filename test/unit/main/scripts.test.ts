/** The logic of scripts/start.mjs and scripts/audit-electron.mjs (their side effects are not run here). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Plain .mjs scripts have no type declarations: import them by path, typed here.
const root = join(import.meta.dirname, '../../..');
const start = (await import(/* @vite-ignore */ join(root, 'scripts/start.mjs'))) as {
  resolveElectronBinary(o: { electronDir: string; env?: Record<string, string>; platform?: string; exists?: (p: string) => boolean; read?: (p: string) => string }): { binary: string | null; looked?: string };
  missingElectronMessage(looked: string): string;
  electronEnv(env: Record<string, string | undefined>, node: string): Record<string, string | undefined>;
};
const audit = (await import(/* @vite-ignore */ join(root, 'scripts/audit-electron.mjs'))) as {
  parseCsv(text: string): string[][];
  findingsOf(csv: string): Record<string, string>[];
  verdict(findings: Record<string, string>[]): { ok: boolean; failing: unknown[]; review: unknown[] };
};

describe('npm start', () => {
  it('finds the binary from path.txt, or from ELECTRON_OVERRIDE_DIST_PATH, without downloading', () => {
    const files = new Set(['/e/path.txt', '/e/dist/electron', '/custom/electron']);
    const opts = { electronDir: '/e', exists: (p: string) => files.has(p), read: () => 'electron' };
    expect(start.resolveElectronBinary({ ...opts, env: {} }).binary).toBe('/e/dist/electron');
    expect(start.resolveElectronBinary({ ...opts, env: { ELECTRON_OVERRIDE_DIST_PATH: '/custom' } }).binary).toBe('/custom/electron');
    files.delete('/e/dist/electron');
    const missing = start.resolveElectronBinary({ ...opts, env: {} });
    expect(missing).toEqual({ binary: null, looked: '/e/dist/electron' });
    expect(start.missingElectronMessage(missing.looked!)).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });

  it('asks main for the local server only without RAKERONE_URL, and passes a plain Node', () => {
    expect(start.electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, '/usr/bin/node')).toEqual({ PATH: '/bin', RAKERONE_NODE: '/usr/bin/node', RAKERONE_LOCAL_SERVER: '1' });
    expect(start.electronEnv({ RAKERONE_URL: 'https://r.example', RAKERONE_LOCAL_SERVER: '1' }, 'node')).toEqual({ RAKERONE_URL: 'https://r.example', RAKERONE_NODE: 'node' });
  });
});

describe('npm run audit:electron', () => {
  const csv = [
    'issue, severity, confidence, filename, location, sample, description, url',
    'CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","8:0","default-src \'self\'; style-src \'self\' \'unsafe-inline\'","One or more CSP directives, it says",https://x',
    'SANDBOX_JS_CHECK,"MEDIUM","TENTATIVE","main/index.ts","9:1","new BrowserWindow({ a, b })","Use sandbox ""for"" untrusted origins",https://y',
  ].join('\n');

  it('parses quoted fields with commas and quotes', () => {
    const findings = audit.findingsOf(csv);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ issue: 'CSP_GLOBAL_CHECK', severity: 'LOW', description: 'One or more CSP directives, it says' });
    expect(findings[1]).toMatchObject({ severity: 'MEDIUM', sample: 'new BrowserWindow({ a, b })', description: 'Use sandbox "for" untrusted origins' });
  });

  it('fails on MEDIUM and above, lists LOW and INFORMATIONAL for review', () => {
    const findings = audit.findingsOf(csv);
    expect(audit.verdict(findings)).toMatchObject({ ok: false, failing: [findings[1]], review: [findings[0]] });
    expect(audit.verdict([findings[0]!]).ok).toBe(true);
    expect(audit.verdict([]).ok).toBe(true);
  });
});
