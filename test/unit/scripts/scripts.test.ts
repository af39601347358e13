/** The logic of scripts/start.mjs and scripts/audit-electron.mjs (their side effects are not run here). */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Plain .mjs scripts have no type declarations: import them by path, typed here.
const root = join(import.meta.dirname, '../../..');
const start = (await import(/* @vite-ignore */ join(root, 'scripts/start.mjs'))) as {
  resolveElectronBinary(o: {
    electronDir: string;
    env?: Record<string, string>;
    platform?: string;
    exists?: (p: string) => boolean;
    read?: (p: string) => string;
  }): { binary: string | null; looked?: string };
  missingElectronMessage(looked: string): string;
  electronEnv(env: Record<string, string | undefined>, node: string): Record<string, string | undefined>;
  launch(command: string, args: string[], options: object): Promise<number>;
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
    expect(start.electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, '/usr/bin/node')).toEqual({
      PATH: '/bin',
      RAKERONE_NODE: '/usr/bin/node',
      RAKERONE_LOCAL_SERVER: '1',
    });
    expect(start.electronEnv({ RAKERONE_URL: 'https://r.example', RAKERONE_LOCAL_SERVER: '1' }, 'node')).toEqual({
      RAKERONE_URL: 'https://r.example',
      RAKERONE_NODE: 'node',
    });
  });
});

describe('npm start and npm run dev exit non-zero when Electron cannot run', () => {
  const script = join(root, 'scripts/start.mjs');
  // An empty folder as the Electron to use: no binary, even on a machine that has one installed.
  const noElectron = { ...process.env, RAKERONE_NO_DOWNLOAD: '1', ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'rakerone-no-electron-')) };

  it.each([[[]], [['--dev']]])('without a binary: the explanation and exit code 1 (%j)', (args) => {
    const result = spawnSync(process.execPath, [script, ...args], { env: noElectron, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toContain('npm start: the Electron binary is not available.');
    expect(result.status).toBe(1);
  });

  it('a binary that cannot be started, or that dies from a signal, is exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rakerone-start-'));
    const notExecutable = join(dir, 'electron');
    writeFileSync(notExecutable, 'not a program');
    chmodSync(notExecutable, 0o644);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(start.launch(notExecutable, ['.'], { stdio: 'ignore' })).resolves.toBe(1);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining('could not launch'));
    quiet.mockRestore();
    await expect(start.launch(process.execPath, ['-e', "process.kill(process.pid, 'SIGTERM')"], { stdio: 'ignore' })).resolves.toBe(1);
    await expect(start.launch(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' })).resolves.toBe(3);
    await expect(start.launch(process.execPath, ['-e', ''], { stdio: 'ignore' })).resolves.toBe(0);
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
